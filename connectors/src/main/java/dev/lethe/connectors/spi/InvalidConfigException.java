package dev.lethe.connectors.spi;

import java.util.List;
import java.util.stream.Collectors;

/** Settings that do not fit a connector type's fields; names each field and what is wrong. */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
