package keeper.command.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

import keeper.api.ConfigException;
import keeper.api.ConfigProblem;
import keeper.api.ConfigSource;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;
import keeper.api.spi.command.Caller;
import keeper.api.spi.command.KeeperCommand;
import keeper.api.spi.command.Reply;
import keeper.api.spi.command.CommandOptions;
import keeper.api.spi.command.Request;
import keeper.protocol.WireFormat;

class DispatcherTest {

    private static final Caller REMOTE = new Caller("tcp", "192.0.2.7:40000", false);
    private static final Caller SHELL = Caller.local("gogo");
    private static final Map<String, String> SIGNED = Map.of("key", "ops", "sig", "AAE=");

    private record FakeCommand(Target target, BiFunction<Request, Caller, Reply> action) implements KeeperCommand {
        static FakeCommand answering(Target target, String text) {
            return new FakeCommand(target, (request, caller) -> Reply.ok(text + ": " + request));
        }

        @Override
        public String description() {
            return "a fake";
        }

        @Override
        public Reply execute(Request request, Caller caller) {
            return action.apply(request, caller);
        }
    }

    /** server.yml's encrypt, editable while the dispatcher runs. */
    private volatile boolean encrypt;
    private final ConfigSource config = new ServerOnlyConfig(() -> FakeSupervisor.config(encrypt));

    private Dispatcher dispatcher() {
        Dispatcher dispatcher = new Dispatcher(EncryptSetting.capture(config));
        add(dispatcher, "restart", FakeCommand.answering(KeeperCommand.Target.REQUIRED, "restarted"), 0, 1);
        add(dispatcher, "check", FakeCommand.answering(KeeperCommand.Target.OPTIONAL, "checked"), 0, 2);
        add(dispatcher, "kill", FakeCommand.answering(KeeperCommand.Target.NONE, "killed"), 0, 3);
        return dispatcher;
    }

    private static void add(Dispatcher dispatcher, String name, KeeperCommand command, int ranking, long id) {
        dispatcher.addCommand(command, Map.of(KeeperCommand.NAME, name, "service.ranking", ranking, "service.id", id));
    }

    private static Reply send(Dispatcher dispatcher, String line, Caller caller) {
        return dispatcher.dispatch(Envelope.unsigned(WireFormat.VERSION, line), caller);
    }

    @Test
    void routesTheParsedRequestToItsCommand() {
        List<Caller> seen = new ArrayList<>();
        Dispatcher dispatcher = dispatcher();
        add(dispatcher, "start", new FakeCommand(KeeperCommand.Target.REQUIRED, (request, caller) -> {
            seen.add(caller);
            return Reply.ok("started " + request.target());
        }), 0, 9);

        assertEquals(Reply.ok("started web"), send(dispatcher, "START web", REMOTE));
        assertEquals(List.of(REMOTE), seen);
    }

    @Test
    void unknownCommandListsTheAvailableOnes() {
        assertEquals(Reply.error("unknown command 'frob'; available: check, kill, restart"),
                send(dispatcher(), "frob web", REMOTE));
    }

    @Test
    void targetIsCheckedAgainstTheCommand() {
        Dispatcher dispatcher = dispatcher();
        assertEquals(Reply.error("usage: restart <child>"), send(dispatcher, "restart", REMOTE));
        assertEquals(Reply.error("usage: kill ('kill' takes no child name)"), send(dispatcher, "kill web", REMOTE));
        assertEquals(Reply.ok("checked: check"), send(dispatcher, "check", REMOTE));
        assertEquals(Reply.ok("checked: check web"), send(dispatcher, "check web", REMOTE));
    }

    @Test
    void onlyTheOptionsACommandDeclaresReachIt() {
        Dispatcher dispatcher = dispatcher();
        dispatcher.addCommand(FakeCommand.answering(KeeperCommand.Target.OPTIONAL, "status"), Map.of(KeeperCommand.NAME,
                "status", CommandOptions.NAME, new String[] {"--json", "--lines"}, "service.id", 30L));

        assertEquals(Reply.ok("status: status web --json --lines=5"), send(dispatcher, "status --json web --lines=5", REMOTE));
        assertEquals(Reply.error("usage: status has no option '--yaml'; it takes --json, --lines"),
                send(dispatcher, "status --yaml", REMOTE));
        assertEquals(Reply.error("usage: check takes no options, got '--json'"), send(dispatcher, "check --json", REMOTE));
    }

    @Test
    void badLineIsAnsweredWithTheReason() {
        Reply reply = send(dispatcher(), "restart ../../etc", REMOTE);
        assertEquals(false, reply.ok());
        assertTrue(reply.text().startsWith("'../../etc' is not a child name"), reply.text());
    }

    @Test
    void failingCommandBecomesAnErrorReply() {
        Dispatcher dispatcher = dispatcher();
        add(dispatcher, "stop", new FakeCommand(KeeperCommand.Target.REQUIRED, (request, caller) -> {
            throw new IllegalStateException("boom");
        }), 0, 9);

        assertEquals(Reply.error("'stop web' failed: boom"), send(dispatcher, "stop web", REMOTE));
    }

    @Test
    void highestRankingWinsAndTheOtherTakesOverWhenItLeaves() {
        Dispatcher dispatcher = dispatcher();
        KeeperCommand plugin = FakeCommand.answering(KeeperCommand.Target.OPTIONAL, "plugin");
        add(dispatcher, "check", plugin, 10, 20);

        assertEquals(Reply.ok("plugin: check"), send(dispatcher, "check", REMOTE));
        dispatcher.removeCommand(plugin);
        assertEquals(Reply.ok("checked: check"), send(dispatcher, "check", REMOTE));
    }

    @Test
    void withEncryptOnlyTrustedOrAuthenticatedCallersPass() {
        encrypt = true;
        Dispatcher dispatcher = dispatcher();
        Envelope signed = new Envelope(1, "check", SIGNED);

        assertEquals(Reply.error("authentication failed"), send(dispatcher, "check", REMOTE));
        assertEquals(Reply.ok("checked: check"), send(dispatcher, "check", SHELL));
        assertEquals(Reply.error("authentication failed"), dispatcher.dispatch(signed, REMOTE), "no authenticator");

        dispatcher.addAuthenticator(envelope -> AuthResult.abstained(), Map.of(Authenticator.SCHEME, "other"));
        assertEquals(Reply.error("authentication failed"), dispatcher.dispatch(signed, REMOTE), "only abstentions");

        dispatcher.addAuthenticator(envelope -> AuthResult.accepted("ops"), Map.of(Authenticator.SCHEME, "pem"));
        assertEquals(Reply.ok("checked: check"), dispatcher.dispatch(signed, REMOTE));
        assertEquals(Reply.error("authentication failed"), send(dispatcher, "check", REMOTE), "unsigned");

        Authenticator rejecting = envelope -> AuthResult.rejected("replayed nonce");
        dispatcher.addAuthenticator(rejecting, Map.of(Authenticator.SCHEME, "strict"));
        assertEquals(Reply.error("authentication failed"), dispatcher.dispatch(signed, REMOTE), "one rejection");
        dispatcher.removeAuthenticator(rejecting);
        assertEquals(Reply.ok("checked: check"), dispatcher.dispatch(signed, REMOTE));

        dispatcher.addAuthenticator(envelope -> {
            throw new IllegalStateException("broken");
        }, Map.of());
        assertEquals(Reply.error("authentication failed"), dispatcher.dispatch(signed, REMOTE), "a failing one");
    }

    @Test
    void unauthenticatedCallerDoesNotLearnTheCommands() {
        encrypt = true;
        assertEquals(Reply.error("authentication failed"), send(dispatcher(), "frob", REMOTE));
    }

    @Test
    void encryptCannotBeTurnedOffWhileRunning() {
        encrypt = true;
        Dispatcher dispatcher = dispatcher();
        encrypt = false;

        assertEquals(Reply.error("authentication failed"), send(dispatcher, "check", REMOTE));
    }

    @Test
    void encryptTurnedOnWhileRunningWaitsForARestart() {
        Dispatcher dispatcher = dispatcher();
        encrypt = true;

        assertEquals(Reply.ok("checked: check"), send(dispatcher, "check", REMOTE));
        assertEquals(Reply.error("authentication failed"), send(new Dispatcher(EncryptSetting.capture(config)), "check", REMOTE),
                "a restarted server reads encrypt again");
    }

    @Test
    void theLaunchersEncryptWinsOverServerYmlWhateverItSaysWhenTheBundleStarts() {
        encrypt = false;
        Dispatcher updatedUnderAnEditedFile = new Dispatcher(EncryptSetting.atBoot("true", config));
        assertEquals(Reply.error("authentication failed"), send(updatedUnderAnEditedFile, "check", REMOTE));

        encrypt = true;
        Dispatcher bootedOff = new Dispatcher(EncryptSetting.atBoot("false", config));
        bootedOff.addCommand(FakeCommand.answering(KeeperCommand.Target.OPTIONAL, "checked"), Map.of(KeeperCommand.NAME, "check"));
        assertEquals(Reply.ok("checked: check"), send(bootedOff, "check", REMOTE));
    }

    @Test
    void unreadableServerYmlAtStartRequiresSignatures() {
        ConfigSource failing = new ServerOnlyConfig(() -> {
            throw new ConfigException(new ConfigProblem(Path.of("/etc/keeper/server.yml"), 3, "encrypt",
                    "expected on or off"));
        });

        assertEquals(Reply.error("authentication failed"), send(new Dispatcher(EncryptSetting.capture(failing)), "check", REMOTE));
    }

    @Test
    void eachRequestIsPostedWithItsCommandWordAndOutcomeNeverTheCallersBytes() {
        encrypt = true;
        List<Event> posted = new ArrayList<>();
        Dispatcher dispatcher = dispatcher();
        dispatcher.bindEventAdmin(recording(posted));

        send(dispatcher, "check", SHELL);
        send(dispatcher, "restart", SHELL);
        send(dispatcher, "frob\u001b[2J web", SHELL);
        send(dispatcher, "restart ../../etc", SHELL);
        send(dispatcher, "check", REMOTE);

        assertEquals(List.of(
                Map.of("command", "check", "outcome", "ok", "transport", "gogo"),
                Map.of("command", "restart", "outcome", "error", "transport", "gogo"),
                Map.of("command", "unknown", "outcome", "error", "transport", "gogo"),
                Map.of("command", "invalid", "outcome", "error", "transport", "gogo"),
                Map.of("command", "check", "outcome", "refused", "transport", "tcp")),
                posted.stream().map(DispatcherTest::properties).toList());
        assertTrue(posted.stream().allMatch(event -> event.getTopic().equals("keeper/request")));
    }

    @Test
    void withoutEventAdminRequestsAreServedTheSame() {
        List<Event> posted = new ArrayList<>();
        Dispatcher dispatcher = dispatcher();
        EventAdmin admin = recording(posted);
        dispatcher.bindEventAdmin(admin);
        dispatcher.unbindEventAdmin(admin);

        assertEquals(Reply.ok("checked: check"), send(dispatcher, "check", REMOTE));
        assertEquals(List.of(), posted);
    }

    private static EventAdmin recording(List<Event> posted) {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
    }

    private static Map<String, Object> properties(Event event) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            if (!name.equals(EventConstants.EVENT_TOPIC)) {
                properties.put(name, event.getProperty(name));
            }
        }
        return properties;
    }
}
