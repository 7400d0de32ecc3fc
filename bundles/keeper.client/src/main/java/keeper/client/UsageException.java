package keeper.client;

/** The words given to the client do not follow its grammar; the message names the word at fault. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
