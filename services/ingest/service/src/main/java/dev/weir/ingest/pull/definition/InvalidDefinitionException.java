package dev.weir.ingest.pull.definition;

import java.util.List;
import java.util.stream.Collectors;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * A connector definition with problems, all of them listed (422 on the admin API, each
 * problem a field error named by its path).
 */
public class InvalidDefinitionException extends WeirException {

    private final List<DefinitionProblem> problems;

    public InvalidDefinitionException(String connector, List<DefinitionProblem> problems) {
        super(ErrorKind.INVALID, "invalid-connector", "Invalid connector definition",
                "Connector '" + connector + "' has " + problems.size() + " problem"
                        + ((problems.size() == 1) ? "" : "s") + ": "
                        + problems.stream().map(DefinitionProblem::toString).collect(Collectors.joining("; ")),
                problems.stream().map((p) -> FieldError.body(p.path(), p.message())).toList());
        this.problems = List.copyOf(problems);
        with("connector", connector);
    }

    public List<DefinitionProblem> problems() {
        return this.problems;
    }

}
