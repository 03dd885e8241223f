package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.client.ClientEnvironment;
import dev.albatross.client.ExitCode;
import dev.albatross.client.output.ReplyText;
import dev.albatross.client.transport.BuildRepository;
import dev.albatross.client.transport.Zlib;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code update} (spec §10.2): asks the daemon for the unikernel's digest, finds its build and the job's latest
 * build in a builder-web repository, and unless they are the same (or {@code --dry-run}) replaces the unikernel
 * by the latest binary with the same configuration.
 */
final class UpdateCommand extends DaemonCommand {
    Name name;
    String httpHost = "https://builds.robur.coop";
    boolean dryRun;
    Integer compression;

    UpdateCommand(ClientEnvironment env) {
        super(env);
    }

    @Override
    public Cli cli() {
        return cli("update", "Update a unikernel from the binary repository.")
                .positional("UNIKERNEL-NAME", "Name of the unikernel.", v -> name = Converters.Names.parse(v))
                .option("URL", "builder-web repository (default: https://builds.robur.coop).", v -> httpHost = v,
                        "--http-host")
                .flag("Only report; change nothing.", () -> dryRun = true, "--dryrun", "--dry-run")
                .option("N", "0-9 (default 0 locally, 9 remotely).", v -> compression = Cli.integer(v),
                        "--compression-level");
    }

    /** {@code http[s]://host}, a trailing slash dropped, as Albatross's {@code uri_c} accepts it. */
    static String host(String value) {
        String[] parts = value.split("/", -1);
        boolean scheme = parts.length >= 3 && (parts[0].equals("http:") || parts[0].equals("https:"))
                && parts[1].isEmpty() && !parts[2].isEmpty();
        if (scheme && parts.length == 3) {
            return value;
        }
        if (scheme && parts.length == 4 && parts[3].isEmpty()) {
            return value.substring(0, value.length() - 1);
        }
        throw new CliError("option '--http-host': expected http[s]://hostname");
    }

    @Override
    public int call() {
        String host = host(httpHost);
        Session session = session();
        if (session.destination.kind() == Destination.Kind.CSR) {
            session.log.error("update with CSR not supported");
            return ExitCode.CLI_ERROR.code();
        }
        int level = TargetOptions.compression(compression, session.destination);
        Optional<Wire> reply = session.exchange(new UnikernelCmd.Info(), name);
        if (reply.isEmpty()) {
            return ExitCode.COMMUNICATION_FAILURE.code();
        }
        Optional<Info> info = single(reply.get());
        if (info.isEmpty()) {
            session.log.error(p -> ReplyText.wire(p.text("unexpected reply: "), reply.get(), false));
            return ExitCode.COMMUNICATION_FAILURE.code();
        }
        try {
            return update(session, new BuildRepository(host), info.get(), level).code();
        } catch (IOException e) {
            session.log.error("error in HTTP interaction: " + e.getMessage());
            return ExitCode.HTTP_ERROR.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.log.error("error in HTTP interaction: interrupted");
            return ExitCode.HTTP_ERROR.code();
        }
    }

    /** Exactly one Solo5 unikernel, in any info format. */
    private static Optional<Info> single(Wire w) {
        if (!(w.payload() instanceof Success s)) {
            return Optional.empty();
        }
        List<Success.InfoEntry> entries = switch (s.kind()) {
            case UNIKERNEL_INFO -> ((Success.UnikernelInfo) s).unikernels();
            case OLD_UNIKERNEL_INFO4 -> ((Success.OldUnikernelInfo4) s).unikernels();
            case OLD_UNIKERNEL_INFO5 -> ((Success.OldUnikernelInfo5) s).unikernels();
            default -> List.of();
        };
        if (entries.size() != 1 || entries.get(0).info().typ() != Typ.SOLO5) {
            return Optional.empty();
        }
        return Optional.of(entries.get(0).info());
    }

    private ExitCode update(Session session, BuildRepository repo, Info info, int level)
            throws IOException, InterruptedException {
        BuildRepository.Answer<BuildRepository.Build> current = repo.buildOf(info.digest().toHex());
        if (current instanceof BuildRepository.Answer.Problem<BuildRepository.Build> p) {
            return httpProblem(session, p);
        }
        BuildRepository.Build old = ((BuildRepository.Answer.Found<BuildRepository.Build>) current).value();
        BuildRepository.Answer<BuildRepository.Build> latest = repo.latest(old.job());
        if (latest instanceof BuildRepository.Answer.Problem<BuildRepository.Build> p) {
            return httpProblem(session, p);
        }
        BuildRepository.Build neu = ((BuildRepository.Answer.Found<BuildRepository.Build>) latest).value();
        if (old.uuid().equals(neu.uuid())) {
            session.log.app("already up to date");
            return ExitCode.SUCCESS;
        }
        session.log.app("compare at " + repo.host() + "/compare/" + old.uuid() + "/" + neu.uuid());
        if (dryRun) {
            return ExitCode.SUCCESS;
        }
        BuildRepository.Answer<byte[]> binary = repo.binary(new BuildRepository.Build(old.job(), neu.uuid()));
        if (binary instanceof BuildRepository.Answer.Problem<byte[]> p) {
            return httpProblem(session, p);
        }
        byte[] image = ((BuildRepository.Answer.Found<byte[]>) binary).value();
        List<NetIf> bridges = info.bridges().stream()
                .map(b -> new NetIf(b.unikernelDevice(), Optional.of(b.hostDevice()), Optional.of(b.mac())))
                .toList();
        List<BlockDevice> blocks = info.blocks().stream()
                .map(b -> new BlockDevice(b.unikernelDevice(), Optional.of(b.hostDevice()),
                        OptionalInt.of(b.sectorSize())))
                .toList();
        Optional<String> mismatch = Manifest.mismatch(image, blocks, bridges);
        if (mismatch.isPresent()) {
            session.log.error("manifest failed: " + mismatch.get());
            return ExitCode.INTERNAL_ERROR;
        }
        boolean compressed = level > 0;
        UnikernelConfig config = UnikernelConfig.builder().typ(Typ.SOLO5).compressed(compressed)
                .image(Bytes.wrap(compressed ? Zlib.compress(image, level) : image))
                .failBehaviour(info.failBehaviour()).startup(info.startup()).addName(true).cpuids(info.cpuids())
                .memoryMb(info.memoryMb()).blocks(blocks).bridges(bridges).arguments(info.arguments())
                .cpus(OptionalInt.of(info.cpus().orElse(1))).linuxBootPartition(info.linuxBootPartition()).build();
        Optional<Wire> reply = session.exchange(new UnikernelCmd.ForceCreate(config), name);
        if (reply.isEmpty()) {
            session.log.error("received error from albatross");
            return ExitCode.REMOTE_COMMAND_FAILED;
        }
        return new ReplyLoop(session.log, session.files).one(reply.get());
    }

    private static ExitCode httpProblem(Session session, BuildRepository.Answer.Problem<?> p) {
        p.reply().ifPresent(r -> session.log.warn("received HTTP reply: " + r));
        session.log.error("error in HTTP interaction: " + p.message());
        return ExitCode.HTTP_ERROR;
    }
}
