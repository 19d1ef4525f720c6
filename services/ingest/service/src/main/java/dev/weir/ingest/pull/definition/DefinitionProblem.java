package dev.weir.ingest.pull.definition;

/**
 * One problem of a connector definition: where ({@code streams[1].paginate.param}) and
 * what ({@code is required}).
 */
public record DefinitionProblem(String path, String message) {

    @Override
    public String toString() {
        return this.path + ": " + this.message;
    }

}
