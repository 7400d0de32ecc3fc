package keeper.api.spi.command;

/**
 * One parsed command: {@code restart web} is command {@code restart}, target {@code web}.
 *
 * @param command the command word, lower case
 * @param target  the child (or {@code all}), or {@code null} when none was given
 */
public record Request(String command, String target) {
    public boolean hasTarget() {
        return target != null;
    }

    @Override
    public String toString() {
        return target == null ? command : command + " " + target;
    }
}
