# Keeper's spawn helper: forks, execs and reaps the children of one Keeper server, so that the
# server's JVM needs no thread per child (the JDK parks one thread in waitpid for every process it
# starts). Core Perl only: perl-base is Essential on Debian.
#
# Requests on stdin and replies on stdout, one per line; every string is hex-encoded so that
# arguments, environment values and paths may hold spaces, newlines or any byte:
#   -> ready                (once, when set up)
#   spawn ID PROGRAM DIR STDOUT create|append STDERR|same create|append ARGC ARGV... ENVC NAME=VALUE...
#         USER GROUP UMASK NOFILE RESPAWN   (USER, GROUP hex; UMASK, NOFILE decimal; each '-' when not set;
#         RESPAWN: '-', or the milliseconds a run must last for the child to be spawned again at once)
#   disarm ID PID...        (none of these pids is spawned again; answered once done)
# A child's environment is the helper's own (the server's, inherited once when the helper started) with
# the request's NAME=VALUE pairs set on top: a request carries only what the child changes.
#   -> started ID PID | failed ID MESSAGE | refused ID FIELD MESSAGE
#   -> exit PID CODE [NEWPID] (CODE: the exit status, or 128 + the signal for a death by signal; NEWPID: the
#                           process spawned again at once from the same request, itself armed the same way)
#   -> disarmed ID
#   -> warning MESSAGE      (something the server should log)
# A child's "started" is always written before its "exit". At the end of stdin (the server stopped
# or died) the helper exits and leaves the children running: each leads its own session.
#
# An armed child (RESPAWN set: the server's restart policy restarts it at once whenever it ran that
# long) that exits after running at least RESPAWN ms is spawned again before its exit is reported,
# so a crash costs no round trip through the server; the server still decides (it takes the new
# process as the restart, or ends it when its policy or its config says otherwise). A stop disarms
# the child first and waits for "disarmed", so no respawn races a stop.
#
# The helper is a child subreaper: a process a child leaves behind (its parent died, e.g. after a
# double fork or a setsid) re-parents to the helper instead of to init, so the server still finds it
# under the helper and can stop it. The helper reaps such adopted orphans silently: only the exits
# of the children it spawned are reported.
#
# A child with a user, group, umask or open-files limit gets them in the forked child before exec:
# the output files are opened first (still as the server, without following a symlink, then handed to
# the child's user so that it may reopen them), then umask and setrlimit, then setgroups, setgid and
# setuid, and the switch is read back from /proc/self/status. Any step that fails refuses the spawn
# ("refused ID FIELD ..."): the program never runs, and never as root by accident.
#
# Waiting is event-driven and race-free: SIGCHLD and SIGIO (stdin readable, O_ASYNC) stay blocked
# while the helper works and are only let in atomically by sigsuspend.
use strict;
use warnings;
use POSIX ();
use Config;
use Fcntl qw(F_GETFL F_SETFL F_SETOWN O_ASYNC O_NONBLOCK O_RDONLY O_WRONLY O_CREAT O_TRUNC O_APPEND O_NOFOLLOW);

my $WAKE = POSIX::SigSet->new(POSIX::SIGCHLD(), POSIX::SIGPOLL());
my $pending = '';
my %spawned;    # pid => 1 for every running child this helper started
my %armed;      # pid => [launch, milliseconds it must run, when it started] for the armed ones
my $CLOCK_GETTIME = syscall_number('SYS_clock_gettime', { x86_64 => 228, aarch64 => 113, i386 => 265, i686 => 265 });

# out of the server's process group: Ctrl-C on the server's terminal is the server's business
POSIX::setsid();
# every path in a request is absolute; holding the server's directory would only pin its mount
chdir '/';
# children inherit dispositions: start them all from the default (exec resets only caught ones)
{
    no warnings;
    my $default = POSIX::SigAction->new('DEFAULT');
    POSIX::sigaction($_, $default) for 1 .. 64;
}
$SIG{CHLD} = $SIG{IO} = sub { };    # only so that sigsuspend returns; the main loop does the work
POSIX::sigprocmask(POSIX::SIG_BLOCK(), $WAKE) or die "keeper spawner: sigprocmask: $!\n";
fcntl(STDIN, F_SETOWN, 0 + $$) or die "keeper spawner: F_SETOWN: $!\n";
my $flags = fcntl(STDIN, F_GETFL, 0) or die "keeper spawner: F_GETFL: $!\n";
fcntl(STDIN, F_SETFL, $flags | O_NONBLOCK | O_ASYNC) or die "keeper spawner: F_SETFL: $!\n";
reply('ready');
become_subreaper();

while (1) {
    my $open = read_requests();
    reap();
    exit 0 unless $open;
    POSIX::sigsuspend(POSIX::SigSet->new());
}

# prctl(PR_SET_CHILD_SUBREAPER, 1).
sub become_subreaper {
    my $prctl = syscall_number('SYS_prctl', { x86_64 => 157, aarch64 => 167, i386 => 172, i686 => 172 });
    my $why = !defined $prctl ? "no prctl syscall number known for $Config{archname}"
        : syscall($prctl, 36, 1, 0, 0, 0) == 0 ? undef : "prctl(PR_SET_CHILD_SUBREAPER): $!";
    return unless defined $why;
    reply('warning ' . unpack('H*', "the spawn helper is no child subreaper ($why): a process a child"
        . " leaves behind re-parents to init, where only its mark finds it"));
}

# A syscall's number: the known one of the architecture (a kernel never renumbers them), else the one of
# syscall.ph where installed. syscall.ph pulls in some 3 MB of generated Perl, so only where needed.
sub syscall_number {
    my ($name, $known) = @_;
    my $number = $known->{ (split /-/, $Config{archname})[0] };
    return $number // eval { no warnings; no strict 'refs'; require 'syscall.ph'; &{"main::$name"}() };
}

# Handles every complete request available; answers false at the end of stdin.
sub read_requests {
    while (1) {
        my $read = sysread(STDIN, $pending, 65536, length $pending);
        if (!defined $read) {
            return 1 if $!{EAGAIN};
            die "keeper spawner: reading requests: $!\n";
        }
        # every spawn of the batch is forked before the first is waited for: the children set up and exec
        # while the next ones fork
        my @forked;
        while ((my $end = index($pending, "\n")) >= 0) {
            push @forked, handle(substr($pending, 0, $end));
            substr($pending, 0, $end + 1) = '';
        }
        $_->() for @forked;
        return 0 if $read == 0;
    }
}

# Handles one request; for a spawn forked, answers what completes it once the child execs (or fails to).
sub handle {
    my ($verb, $id, @fields) = split / /, shift, -1;
    if ($verb eq 'disarm') {
        delete @armed{@fields};
        reply("disarmed $id");
        return ();
    }
    die "keeper spawner: unknown request '$verb'\n" unless $verb eq 'spawn';
    my ($program, $dir, $out, $out_mode, $err, $err_mode, $argc) = splice @fields, 0, 7;
    my @argv = map { text($_) } splice @fields, 0, $argc;
    my $envc = shift @fields;
    my @env = map { text($_) } splice @fields, 0, $envc;
    my ($user, $group, $umask, $nofile, $respawn) = map { $_ eq '-' ? undef : $_ } @fields;
    my %launch = (program => text($program), dir => text($dir), out => text($out), out_mode => $out_mode,
        err => $err eq 'same' ? undef : text($err), err_mode => $err_mode, argv => \@argv, env => \@env,
        user => defined $user ? text($user) : undef, group => defined $group ? text($group) : undef,
        umask => $umask, nofile => $nofile);
    my ($forked, $error) = fork_child(\%launch);
    return sub {
        my ($pid, $why) = $forked ? execed($forked) : (undef, $error);
        if (defined $pid) {
            $armed{$pid} = [\%launch, $respawn, now_ms()] if defined $respawn && defined $CLOCK_GETTIME;
            reply("started $id $pid");
        } elsif ($why =~ /\Afield (\w+): (.*)\z/s) {
            reply("refused $id $1 " . unpack('H*', $2));
        } else {
            reply("failed $id " . unpack('H*', $why));
        }
    };
}

# Forks and execs; answers the pid, or undef and why.
sub spawn {
    my ($forked, $error) = fork_child(shift);
    return $forked ? execed($forked) : (undef, $error);
}

# Forks a child that sets up and execs; answers [pid, pipe] for execed, or undef and why. The child
# reports a failure before or at exec through a close-on-exec pipe, so EOF on it means the program runs.
sub fork_child {
    my ($launch) = @_;
    pipe(my $failure_in, my $failure_out) or return (undef, "cannot create a pipe: $!");
    my $pid = fork;
    return (undef, "cannot fork: $!") unless defined $pid;
    if ($pid == 0) {
        close $failure_in;
        eval { become($launch) };
        syswrite($failure_out, $@ =~ s/\n\z//r);
        POSIX::_exit(127);
    }
    close $failure_out;
    return [$pid, $failure_in];
}

# Waits until a forked child has exec'd its program; answers its pid, or undef and why it could not.
sub execed {
    my ($pid, $failure_in) = @{ shift() };
    my $error = '';
    1 while sysread($failure_in, $error, 4096, length $error);
    close $failure_in;
    if ($error eq '') {
        $spawned{$pid} = 1;
        return ($pid, undef);
    }
    waitpid($pid, 0);
    return (undef, $error);
}

# In the forked child: sets up what the program inherits and execs it; dies with the reason.
sub become {
    my ($launch) = @_;
    POSIX::setsid() or die "setsid: $!\n";
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new()) or die "sigprocmask: $!\n";
    chdir $launch->{dir} or die "cannot change to directory $launch->{dir}: $!\n";
    my $identity = identity($launch->{user}, $launch->{group});
    # the server opens the output files; a symlink in a folder the child's user may write could point anywhere
    my $no_follow = $identity ? O_NOFOLLOW : 0;
    redirect(0, '/dev/null', O_RDONLY);
    redirect(1, $launch->{out}, output_flags($launch->{out_mode}) | $no_follow);
    if (defined $launch->{err}) {
        redirect(2, $launch->{err}, output_flags($launch->{err_mode}) | $no_follow);
    } else {
        defined POSIX::dup2(1, 2) or die "cannot send stderr to stdout: $!\n";
    }
    for (@{ $launch->{env} }) {
        my ($name, $value) = split /=/, $_, 2;
        $ENV{$name} = $value;
    }
    umask oct($launch->{umask}) if defined $launch->{umask};
    limit_open_files($launch->{nofile}) if defined $launch->{nofile};
    switch_to($identity, $launch) if $identity;
    no warnings 'exec';
    exec { $launch->{program} } @{ $launch->{argv} };
    die "$!\n";
}

# The uid, gid and supplementary groups the child is to run as, or undef when it runs as the helper does.
# A server that is not root may only be asked for what it already is.
sub identity {
    my ($user, $group) = @_;
    return undef unless defined $user || defined $group;
    my ($uid, $gid, $name) = ($>, (split ' ', $))[0], undef);
    if (defined $user) {
        my @account = $user =~ /\A\d+\z/ ? getpwuid($user) : getpwnam($user);
        die "field user: there is no user '$user' on this system\n" unless @account || $user =~ /\A\d+\z/;
        die "field user: uid $user has no account, so no primary group: set group too\n"
            unless @account || defined $group;
        ($name, $uid, $gid) = @account ? @account[0, 2, 3] : (undef, $user, $gid);
    }
    if (defined $group) {
        $gid = $group =~ /\A\d+\z/ ? $group : getgrnam($group);
        die "field group: there is no group '$group' on this system\n" unless defined $gid;
    }
    if ($> != 0) {
        return undef if $uid == $> && $gid == (split ' ', $))[0];
        my $field = $uid != $> ? 'user' : 'group';
        die "field $field: the server runs as uid $> (not root), so it cannot run a child as "
            . ($field eq 'user' ? "user '$user'" : "group '" . ($group // $gid) . "'") . "\n";
    }
    my @groups = ($gid);
    if (defined $name) {    # initgroups: every group that lists the user as a member
        setgrent();
        while (my ($group_name, undef, $member_gid, $members) = getgrent()) {
            push @groups, $member_gid if grep { $_ eq $name } split ' ', $members;
        }
        endgrent();
    }
    return { uid => $uid, gid => $gid, groups => \@groups };
}

# setrlimit(RLIMIT_NOFILE) through prlimit64, whose struct is two 64-bit numbers on every architecture.
sub limit_open_files {
    my ($limit) = @_;
    my $prlimit = syscall_number('SYS_prlimit64', { x86_64 => 302, aarch64 => 261, i386 => 340, i686 => 340 });
    die "field nofile: no prlimit64 syscall number known for $Config{archname}\n" unless defined $prlimit;
    my $rlimit = pack('QQ', $limit, $limit);
    syscall($prlimit, 0, 7, $rlimit, 0) == 0 or die "field nofile: cannot set the open-files limit to $limit: $!\n";
}

# Hands the output files to the child, then drops to its groups and user, and checks in /proc that
# real, effective, saved and filesystem ids all changed.
sub switch_to {
    my ($identity, $launch) = @_;
    my ($uid, $gid) = @{$identity}{qw(uid gid)};
    for my $fd (1, 2) {
        open(my $handle, '>&=', $fd) or die "field user: cannot reach the output descriptor $fd: $!\n";
        next unless -f $handle;    # never a device such as /dev/null
        chown($uid, $gid, $handle) or die "field user: cannot give the output files to uid $uid: $!\n";
    }
    $) = join ' ', $gid, @{ $identity->{groups} };
    POSIX::setgid($gid) or die "field group: setgid($gid): $!\n";
    POSIX::setuid($uid) or die "field user: setuid($uid): $!\n";
    my %status;
    open(my $proc, '<', '/proc/self/status') or die "field user: cannot check the switch in /proc/self/status: $!\n";
    while (<$proc>) {
        $status{$1} = [split ' ', $2] if /\A(Uid|Gid):\s*(.*)/;
    }
    close $proc;
    die "field user: the switch to uid $uid did not take (Uid: @{ $status{Uid} // [] })\n"
        if grep { $_ != $uid } @{ $status{Uid} // [-1] };
    die "field group: the switch to gid $gid did not take (Gid: @{ $status{Gid} // [] })\n"
        if grep { $_ != $gid } @{ $status{Gid} // [-1] };
}

# Always O_APPEND, also for create (which truncates first): a log rotated by copy and truncate is then
# written at its new end, not at the old offset behind a hole of NUL bytes.
sub output_flags {
    return O_WRONLY | O_CREAT | O_APPEND | (shift eq 'append' ? 0 : O_TRUNC);
}

sub redirect {
    my ($fd, $path, $flags) = @_;
    my $opened = POSIX::open($path, $flags, 0666);
    defined $opened or die "cannot open $path: $!\n";
    return if $opened == $fd;
    defined POSIX::dup2($opened, $fd) or die "cannot open $path: $!\n";
    POSIX::close($opened);
}

sub reap {
    while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
        next unless delete $spawned{$pid};    # an adopted orphan: reaped, not reported
        my $code = POSIX::WIFSIGNALED($?) ? 128 + POSIX::WTERMSIG($?) : POSIX::WEXITSTATUS($?);
        my $again = respawn(delete $armed{$pid});
        reply("exit $pid $code" . (defined $again ? " $again" : ''));
    }
}

# Spawns an armed child's launch again when its run lasted long enough; answers the new pid, or undef (the
# server then restarts it as usual, and hears why a spawn fails).
sub respawn {
    my ($arm) = @_;
    return undef unless $arm;
    my ($launch, $least, $started) = @$arm;
    my $now = now_ms();
    return undef if $now - $started < $least;
    my ($pid) = spawn($launch);
    $armed{$pid} = [$launch, $least, $now] if defined $pid;
    return $pid;
}

# CLOCK_MONOTONIC in milliseconds, through the syscall (Time::HiRes is not in perl-base).
sub now_ms {
    my $time = pack('QQ', 0, 0);
    syscall($CLOCK_GETTIME, 1, $time) == 0 or die "keeper spawner: clock_gettime: $!\n";
    my ($seconds, $nanoseconds) = unpack('QQ', $time);
    return $seconds * 1000 + int($nanoseconds / 1_000_000);
}

sub reply {
    my $line = shift . "\n";
    while (length $line) {
        my $written = syswrite(STDOUT, $line);
        defined $written or die "keeper spawner: writing replies: $!\n";
        substr($line, 0, $written) = '';
    }
}

sub text {
    return pack('H*', shift);
}
