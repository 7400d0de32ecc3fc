# Keeper's spawn helper: forks, execs and reaps the children of one Keeper server, so that the
# server's JVM needs no thread per child (the JDK parks one thread in waitpid for every process it
# starts). Core Perl only: perl-base is Essential on Debian.
#
# Requests on stdin and replies on stdout, one per line; every string is hex-encoded so that
# arguments, environment values and paths may hold spaces, newlines or any byte:
#   -> ready                (once, when set up)
#   spawn ID PROGRAM DIR STDOUT create|append STDERR|same create|append ARGC ARGV... ENVC NAME=VALUE...
#   -> started ID PID | failed ID MESSAGE
#   -> exit PID CODE        (CODE: the exit status, or 128 + the signal for a death by signal)
#   -> warning MESSAGE      (something the server should log)
# A child's "started" is always written before its "exit". At the end of stdin (the server stopped
# or died) the helper exits and leaves the children running: each leads its own session.
#
# The helper is a child subreaper: a process a child leaves behind (its parent died, e.g. after a
# double fork or a setsid) re-parents to the helper instead of to init, so the server still finds it
# under the helper and can stop it. The helper reaps such adopted orphans silently: only the exits
# of the children it spawned are reported.
#
# Waiting is event-driven and race-free: SIGCHLD and SIGIO (stdin readable, O_ASYNC) stay blocked
# while the helper works and are only let in atomically by sigsuspend.
use strict;
use warnings;
use POSIX ();
use Config;
use Fcntl qw(F_GETFL F_SETFL F_SETOWN O_ASYNC O_NONBLOCK O_RDONLY O_WRONLY O_CREAT O_TRUNC O_APPEND);

my $WAKE = POSIX::SigSet->new(POSIX::SIGCHLD(), POSIX::SIGPOLL());
my $pending = '';
my %spawned;    # pid => 1 for every running child this helper started

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

# prctl(PR_SET_CHILD_SUBREAPER, 1); the syscall number from syscall.ph where installed, else the known ones.
sub become_subreaper {
    my $prctl = eval { no warnings; require 'syscall.ph'; &SYS_prctl() };
    $prctl //= { x86_64 => 157, aarch64 => 167, i386 => 172, i686 => 172 }->{ (split /-/, $Config{archname})[0] };
    my $why = !defined $prctl ? "no prctl syscall number known for $Config{archname}"
        : syscall($prctl, 36, 1, 0, 0, 0) == 0 ? undef : "prctl(PR_SET_CHILD_SUBREAPER): $!";
    return unless defined $why;
    reply('warning ' . unpack('H*', "the spawn helper is no child subreaper ($why): a process a child"
        . " leaves behind re-parents to init, where only its mark finds it"));
}

# Handles every complete request available; answers false at the end of stdin.
sub read_requests {
    while (1) {
        my $read = sysread(STDIN, $pending, 65536, length $pending);
        if (!defined $read) {
            return 1 if $!{EAGAIN};
            die "keeper spawner: reading requests: $!\n";
        }
        while ((my $end = index($pending, "\n")) >= 0) {
            handle(substr($pending, 0, $end));
            substr($pending, 0, $end + 1) = '';
        }
        return 0 if $read == 0;
    }
}

sub handle {
    my ($verb, $id, @fields) = split / /, shift, -1;
    die "keeper spawner: unknown request '$verb'\n" unless $verb eq 'spawn';
    my ($program, $dir, $out, $out_mode, $err, $err_mode, $argc) = splice @fields, 0, 7;
    my @argv = map { text($_) } splice @fields, 0, $argc;
    my $envc = shift @fields;
    my @env = map { text($_) } splice @fields, 0, $envc;
    my %launch = (program => text($program), dir => text($dir), out => text($out), out_mode => $out_mode,
        err => $err eq 'same' ? undef : text($err), err_mode => $err_mode, argv => \@argv, env => \@env);
    my ($pid, $error) = spawn(\%launch);
    reply(defined $pid ? "started $id $pid" : "failed $id " . unpack('H*', $error));
}

# Forks and execs; answers the pid, or undef and why. The child reports a failure before or at
# exec through a close-on-exec pipe, so EOF on it means the program runs.
sub spawn {
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
    redirect(0, '/dev/null', O_RDONLY);
    redirect(1, $launch->{out}, output_flags($launch->{out_mode}));
    if (defined $launch->{err}) {
        redirect(2, $launch->{err}, output_flags($launch->{err_mode}));
    } else {
        defined POSIX::dup2(1, 2) or die "cannot send stderr to stdout: $!\n";
    }
    %ENV = ();
    for (@{ $launch->{env} }) {
        my ($name, $value) = split /=/, $_, 2;
        $ENV{$name} = $value;
    }
    no warnings 'exec';
    exec { $launch->{program} } @{ $launch->{argv} };
    die "$!\n";
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
        reply("exit $pid $code");
    }
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
