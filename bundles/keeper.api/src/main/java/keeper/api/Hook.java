package keeper.api;

/**
 * One hook of a child: a command run on another child, e.g. {@code prehook: start db}.
 *
 * @param command the command word ({@code start}, {@code restart}, {@code trystart}, {@code stop})
 * @param child   the child it acts on
 */
public record Hook(String command, String child) {
    @Override
    public String toString() {
        return command + " " + child;
    }
}
