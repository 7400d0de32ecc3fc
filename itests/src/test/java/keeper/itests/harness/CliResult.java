package keeper.itests.harness;

/** What one {@code bin/keeper} call printed and how it exited. */
public record CliResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** Everything printed, stdout then stderr: replies and errors alike. */
    public String text() {
        return stdout + stderr;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
