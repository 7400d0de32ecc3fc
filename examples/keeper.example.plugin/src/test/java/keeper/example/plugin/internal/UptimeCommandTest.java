package keeper.example.plugin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.Request;

class UptimeCommandTest {

    private static final Request UPTIME = new Request("uptime", null);

    @TempDir
    Path dir;

    @Test
    void answersMachineAndServerUptime() throws IOException {
        Path proc = Files.writeString(dir.resolve("uptime"), "93784.52 180000.10\n");

        Reply reply = new UptimeCommand(proc, () -> 65_000).execute(UPTIME, Caller.local("test"));

        assertEquals(Reply.ok("machine up 1d 2h 3m 4s\nserver  up 1m 5s"), reply);
    }

    @Test
    void stillAnswersTheServerUptimeWithoutProcUptime() {
        Path missing = dir.resolve("uptime");

        Reply reply = new UptimeCommand(missing, () -> 3_000).execute(UPTIME, Caller.local("test"));

        assertTrue(reply.ok());
        assertTrue(reply.text().startsWith("machine uptime unknown: cannot read " + missing), reply.text());
        assertTrue(reply.text().endsWith("\nserver  up 3s"), reply.text());
    }

    @Test
    void namesTheFileWhenItsContentIsNotAnUptime() throws IOException {
        Path garbage = Files.writeString(dir.resolve("uptime"), "soon\n");

        Reply reply = new UptimeCommand(garbage, () -> 0).execute(UPTIME, Caller.local("test"));

        assertTrue(reply.text().startsWith("machine uptime unknown: cannot read " + garbage
                + " (expected seconds as its first field, found 'soon')"), reply.text());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheRealMachine() {
        Reply reply = new UptimeCommand().execute(UPTIME, Caller.local("test"));

        assertTrue(reply.text().matches("machine up (\\d+[dhm] )*\\d+s\nserver  up (\\d+[dhm] )*\\d+s"), reply.text());
    }

    @Test
    void takesNoChildName() {
        assertEquals(KeeperCommand.Target.NONE, new UptimeCommand().target());
    }

    @Test
    void leavesOutLeadingZeroUnitsOnly() {
        assertEquals("0s", Uptimes.format(java.time.Duration.ZERO));
        assertEquals("2d 0h 0m 7s", Uptimes.format(java.time.Duration.ofDays(2).plusSeconds(7)));
    }
}
