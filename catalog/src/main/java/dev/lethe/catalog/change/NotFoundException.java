package dev.lethe.catalog.change;

/** The tenant has no such row (another tenant's rows do not exist for it either). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " was not found");
    }
}
