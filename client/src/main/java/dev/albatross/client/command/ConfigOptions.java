package dev.albatross.client.command;

import dev.albatross.client.CliError;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.UnikernelArguments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The unikernel configuration options {@code create} and {@code restart} share (spec §10.2). */
final class ConfigOptions {
    Integer startup;
    boolean noAddName;
    final List<Integer> cpus = new ArrayList<>();
    int memoryMb = 32;
    final List<String> args = new ArrayList<>();
    final List<BlockDevice> blocks = new ArrayList<>();
    final List<NetIf> nets = new ArrayList<>();
    boolean restartOnFail;
    final List<Integer> exitCodes = new ArrayList<>();
    int numCpus = 1;
    String linuxBoot;

    void declare(Cli cli) {
        cli.option("N", "Startup priority (0 is highest, default 50).", v -> startup = Cli.integer(v), "--startup")
                .flag("Do not pass --name=<UNIKERNEL-NAME> to the unikernel.", () -> noAddName = true,
                        "--no-add-name")
                .option("ID", "CPU id to pin to (repeatable; default 0).", v -> cpus.add(Cli.integer(v)), "--cpu")
                .option("MB", "Memory in MB (default 32).", v -> memoryMb = Cli.integer(v), "--mem")
                .option("ARG", "Boot argument (repeatable).", args::add, "--arg")
                .option("NAME[:DEVICE][@SECTOR-SIZE]", "Block device (repeatable).",
                        v -> blocks.add(Converters.Blocks.parse(v)), "--block")
                .option("[NETIF:]BRIDGE[@MAC]", "Network interface (repeatable).",
                        v -> nets.add(Converters.Nets.parse(v)), "--net")
                .flag("Restart the unikernel when it exits.", () -> restartOnFail = true, "--restart",
                        "--restart-on-fail")
                .option("N", "Exit code to restart on (repeatable; default: all but 1 and 60-64).",
                        v -> exitCodes.add(Cli.integer(v)), "--exit-code")
                .option("N", "Number of CPUs (BHyve; default 1).", v -> numCpus = Cli.integer(v), "--cpus")
                .option("PART", "Boot partition of a Linux guest (BHyve).", v -> linuxBoot = v, "--linux-boot");
    }

    /** Albatross refuses duplicate interface or block names before anything else. */
    void checkSets() {
        if (new HashSet<>(nets.stream().map(NetIf::netif).toList()).size() != nets.size()) {
            throw new CliError("Bridge names must be a set");
        }
        if (new HashSet<>(blocks.stream().map(BlockDevice::name).toList()).size() != blocks.size()) {
            throw new CliError("Block devices must be a set");
        }
    }

    List<Integer> cpuids() {
        return cpus.isEmpty() ? List.of(0) : cpus;
    }

    FailBehaviour failBehaviour() {
        return restartOnFail ? new FailBehaviour.Restart(exitCodes) : new FailBehaviour.Quit();
    }

    OptionalInt startupPriority() {
        return startup == null ? OptionalInt.empty() : OptionalInt.of(startup);
    }

    Optional<List<String>> argv() {
        return args.isEmpty() ? Optional.empty() : Optional.of(args);
    }

    UnikernelArguments arguments() {
        return new UnikernelArguments(failBehaviour(), startupPriority(), !noAddName, cpuids(), memoryMb, blocks,
                nets, argv(), OptionalInt.of(numCpus), Optional.ofNullable(linuxBoot));
    }
}
