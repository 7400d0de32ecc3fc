package keeper.process.internal;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import keeper.api.Output;
import keeper.api.RunAs;

/**
 * Gives a child spawned by the JDK its {@link RunAs} settings, as the spawn helper does in Perl: the JDK can
 * neither switch users nor set limits between fork and exec, so small programs that exec in place do it,
 * {@code prlimit --nofile} (util-linux), a {@code sh} that sets the umask, and {@code setpriv --reuid --regid
 * --init-groups} (util-linux), which exits without running the program when the switch fails. Users and groups
 * are looked up first ({@code getent}), so an unknown one, or a switch a server that is not root cannot make, is
 * refused before anything runs. The output files are handed to the child's user (without following a symlink),
 * so that it may reopen them.
 */
final class JdkRunAs {

    private static final Path SH = Path.of("/bin/sh");
    private static final String SYSTEM_PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    private static final long LOOKUP_SECONDS = 10;

    /** Who to switch to; {@code named} when the user has an account, whose groups then apply. */
    private record Identity(long uid, long gid, boolean named) {
    }

    /** The programs to run in front of the child's own, each exec'ing the next. */
    List<String> wrappers(Launch launch) throws SpawnException {
        RunAs runAs = launch.runAs();
        List<String> words = new ArrayList<>();
        if (runAs.nofile() != null) {
            words.addAll(List.of(tool("prlimit", launch, "nofile"), "--nofile=" + runAs.nofile() + ":" + runAs.nofile(),
                    "--"));
        }
        if (runAs.umask() != null) {
            words.addAll(List.of(SH.toString(), "-c", "umask \"$0\" && exec \"$@\"",
                    String.format("%03o", runAs.umask())));
        }
        Optional<Identity> identity = identity(launch);
        if (identity.isPresent()) {
            Identity to = identity.get();
            String setpriv = tool("setpriv", launch, runAs.user() != null ? "user" : "group");
            giveOutputs(launch, to);
            words.addAll(List.of(setpriv, "--reuid=" + to.uid(), "--regid=" + to.gid(),
                    to.named() ? "--init-groups" : "--clear-groups", "--"));
        }
        return words;
    }

    private static Optional<Identity> identity(Launch launch) throws SpawnException {
        RunAs runAs = launch.runAs();
        if (!runAs.switchesIdentity()) {
            return Optional.empty();
        }
        long[] self = ownIds();
        long uid = self[0];
        long gid = self[1];
        boolean named = false;
        if (runAs.user() != null) {
            Optional<String[]> account = getent("passwd", runAs.user(), launch, "user");
            if (account.isEmpty() && !runAs.user().chars().allMatch(Character::isDigit)) {
                throw launch.refused("user", "there is no user '" + runAs.user() + "' on this system");
            }
            if (account.isEmpty() && runAs.group() == null) {
                throw launch.refused("user", "uid " + runAs.user() + " has no account, so no primary group: set group too");
            }
            uid = account.map(entry -> Long.parseLong(entry[2])).orElseGet(() -> Long.parseLong(runAs.user()));
            gid = account.map(entry -> Long.parseLong(entry[3])).orElse(gid);
            named = account.isPresent();
        }
        if (runAs.group() != null) {
            Optional<String[]> group = getent("group", runAs.group(), launch, "group");
            if (group.isEmpty() && !runAs.group().chars().allMatch(Character::isDigit)) {
                throw launch.refused("group", "there is no group '" + runAs.group() + "' on this system");
            }
            gid = group.map(entry -> Long.parseLong(entry[2])).orElseGet(() -> Long.parseLong(runAs.group()));
        }
        if (self[0] != 0) {
            if (uid == self[0] && gid == self[1]) {
                return Optional.empty();
            }
            boolean user = uid != self[0];
            throw launch.refused(user ? "user" : "group", "the server runs as uid " + self[0] + " (not root), so it"
                    + " cannot run a child as " + (user ? "user '" + runAs.user() + "'" : "group '"
                    + (runAs.group() != null ? runAs.group() : gid) + "'"));
        }
        return Optional.of(new Identity(uid, gid, named));
    }

    /** The effective uid and gid of this server, from /proc/self/status. */
    private static long[] ownIds() throws SpawnException {
        try {
            long[] ids = {-1, -1};
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                    ids[line.startsWith("Uid:") ? 0 : 1] = Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new SpawnException("cannot read this server's own ids in /proc/self/status: " + IoReasons.of(e));
        }
    }

    /** The entry of {@code key} in a name service database, split at its colons; empty when there is none. */
    private static Optional<String[]> getent(String database, String key, Launch launch, String field)
            throws SpawnException {
        String getent = tool("getent", launch, field);
        try {
            Process lookup = new ProcessBuilder(getent, database, key).redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectError(Redirect.DISCARD).start();
            String entry = new String(lookup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!lookup.waitFor(LOOKUP_SECONDS, TimeUnit.SECONDS)) {
                lookup.destroyForcibly();
                throw launch.refused(field, "getent " + database + " " + key + " did not answer within "
                        + LOOKUP_SECONDS + " s");
            }
            return lookup.exitValue() == 0 && !entry.isEmpty() ? Optional.of(entry.split("\n")[0].split(":", -1))
                    : Optional.empty();
        } catch (IOException e) {
            throw launch.refused(field, "cannot run getent: " + IoReasons.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw launch.refused(field, "interrupted while looking up '" + key + "'");
        }
    }

    private static void giveOutputs(Launch launch, Identity to) throws SpawnException {
        UserPrincipalLookupService names = launch.stdout().path().getFileSystem().getUserPrincipalLookupService();
        for (Output output : launch.stderr() == null ? List.of(launch.stdout()) : List.of(launch.stdout(), launch.stderr())) {
            try {
                if (!Files.isRegularFile(output.path(), LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                PosixFileAttributeView view = Files.getFileAttributeView(output.path(), PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                view.setOwner(names.lookupPrincipalByName(Long.toString(to.uid())));
                view.setGroup(names.lookupPrincipalByGroupName(Long.toString(to.gid())));
            } catch (IOException e) {
                throw launch.refused("user", "cannot give " + output.path() + " to uid " + to.uid() + ": "
                        + IoReasons.of(e));
            }
        }
    }

    private static String tool(String name, Launch launch, String field) throws SpawnException {
        return Executables.find(name, Path.of("/"), SYSTEM_PATH).map(Path::toString).orElseThrow(() -> launch.refused(
                field, name + " is not installed (util-linux / libc-bin); the JDK spawner needs it for this setting"));
    }
}
