package keeper.api;

/**
 * A child's {@code repeat} block: run {@code action} on the child every {@code seconds}.
 *
 * @param action  a command word ({@code restart} when absent or empty, or {@code start}, {@code trystart}, {@code stop})
 * @param seconds delay before the action, always greater than zero
 */
public record Repeat(String action, long seconds) {
}
