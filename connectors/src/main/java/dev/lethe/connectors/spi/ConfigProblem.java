package dev.lethe.connectors.spi;

/** What is wrong with one setting; the message never holds a secret's value. */
public record ConfigProblem(String field, String message) {

    @Override
    public String toString() {
        return field + " " + message;
    }
}
