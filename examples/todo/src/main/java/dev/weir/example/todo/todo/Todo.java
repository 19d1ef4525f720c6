package dev.weir.example.todo.todo;

/**
 * A thing to do.
 *
 * @param id its id
 * @param title what to do
 * @param done whether it is done
 * @param version the version, for ETags
 */
public record Todo(long id, String title, boolean done, long version) {
}
