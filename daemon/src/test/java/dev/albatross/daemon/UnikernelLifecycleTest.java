package dev.albatross.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.state.StateFile;
import dev.albatross.protocol.state.StateFileCodec;
import dev.albatross.protocol.wire.ConsoleCmd;
import dev.albatross.protocol.wire.Data;
import dev.albatross.protocol.wire.FailBehaviour;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Header;
import dev.albatross.protocol.wire.Info;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.protocol.wire.UnikernelArguments;
import dev.albatross.protocol.wire.UnikernelCmd;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.protocol.wire.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over vmmd.sock: a real daemon, real taps on a real bridge, the solo5-hvt double as tender. */
class UnikernelLifecycleTest {
    @TempDir
    Path dir;
    DaemonFixture d;

    @BeforeEach
    void start() throws Exception {
        d = DaemonFixture.create(dir).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (d != null) {
            d.close();
        }
    }

    private UnikernelConfig net(FailBehaviour fb) throws Exception {
        return UnikernelConfig.builder().image(DaemonFixture.corpusImage("net.hvt")).memoryMb(16)
                .failBehaviour(fb).bridges(List.of(new NetIf("service0", Optional.of(d.bridge), Optional.empty())))
                .arguments(Optional.of(List.of("verbose"))).build();
    }

    private static Payload payload(Wire w) {
        return w.payload();
    }

    private List<Success.InfoEntry> info(String name) throws Exception {
        return ((Success.UnikernelInfo) d.call(name, new UnikernelCmd.Info()).payload()).unikernels();
    }

    @Test
    void createsInspectsAndDestroysANetworkedUnikernel() throws Exception {
        Wire created = d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())));
        assertEquals(new Success.Message("created unikernel"), created.payload());
        assertEquals(Name.parse(":web"), created.header().name());

        List<Success.InfoEntry> infos = info(":");
        assertEquals(1, infos.size());
        Info info = infos.get(0).info();
        assertEquals(Name.parse(":web"), infos.get(0).name());
        assertEquals(DaemonFixture.corpusImage("net.hvt").sha256(), info.digest());
        assertEquals(List.of(new Info.Bridge("service0", d.bridge, Name.parse(":web").mac("service0"))),
                info.bridges());
        assertEquals(Optional.of(List.of("verbose")), info.arguments());
        assertEquals(OptionalInt.of(1), info.cpus());
        String tap = d.taps().get(0);
        assertEquals(d.bridge, Files.readSymbolicLink(Path.of("/sys/class/net", tap, "master")).getFileName()
                .toString());
        assertEquals(1, d.tenders().size());

        assertEquals(new Success.Message("destroyed unikernel"),
                payload(d.call(":web", new UnikernelCmd.Destroy())));
        d.assertNothingLeft();
        assertEquals(List.of(), info(":"));
        assertEquals(new Failure("destroy: not found"), payload(d.call(":web", new UnikernelCmd.Destroy())));
    }

    @Test
    void refusesASecondUnikernelOfTheSameName() throws Exception {
        d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())));
        assertEquals(new Failure("Unikernel with same name is already running"),
                payload(d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())))));
        assertEquals(1, d.taps().size());
        d.call(":web", new UnikernelCmd.Destroy());
        d.assertNothingLeft();
    }

    @Test
    void forceCreateReplacesTheRunningUnikernel() throws Exception {
        d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())));
        long firstPid = d.tenders().get(0);
        UnikernelConfig bigger = net(new FailBehaviour.Quit()).toBuilder().memoryMb(32).build();
        assertEquals(new Success.Message("created unikernel"),
                payload(d.call(":web", new UnikernelCmd.ForceCreate(bigger))));
        assertEquals(32, info(":web").get(0).info().memoryMb());
        assertNotEquals(firstPid, d.tenders().get(0));
        d.call(":web", new UnikernelCmd.Destroy());
        d.assertNothingLeft();
    }

    @Test
    void restartTakesNewArguments() throws Exception {
        d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())));
        UnikernelConfig c = net(new FailBehaviour.Quit());
        UnikernelArguments args = c.toBuilder().memoryMb(24).arguments(Optional.of(List.of("quiet"))).build()
                .asArguments();
        assertEquals(new Success.Message("created unikernel"),
                payload(d.call(":web", new UnikernelCmd.Restart(Optional.of(args)))));
        Info info = info(":web").get(0).info();
        assertEquals(24, info.memoryMb());
        assertEquals(Optional.of(List.of("quiet")), info.arguments());
        assertEquals(new Failure("destroy: not found"),
                payload(d.call(":nope", new UnikernelCmd.Restart(Optional.empty()))));
        d.call(":web", new UnikernelCmd.Destroy());
        d.assertNothingLeft();
    }

    @Test
    void restartsOnFailureUntilDestroyed() throws Exception {
        UnikernelConfig crashing = UnikernelConfig.builder().image(DaemonFixture.corpusImage("hello.hvt"))
                .memoryMb(16).addName(false).failBehaviour(new FailBehaviour.Restart(List.of(3)))
                .arguments(Optional.of(List.of("--x-exit=3"))).build();
        try (WireClient console = WireClient.connect(d.paths.consoleSocket())) {
            console.send(new Wire(Header.of(0, Name.parse(":crash")), new ConsoleCmd.SubscribeCount(10)));
            assertEquals(new Success.Message("waiting for VM"), console.read().orElseThrow().payload());
            assertEquals(new Success.Message("created unikernel"),
                    payload(d.call(":crash", new UnikernelCmd.Create(crashing))));
            int exits = 0;
            while (exits < 3) {
                Wire line = console.read().orElseThrow();
                if (((Data.Console) line.payload()).line().contains("solo5_exit(3)")) {
                    exits++;
                }
            }
        }
        // Whether it is running or waiting for its back-off, a destroy wins.
        Payload destroyed = payload(d.call(":crash", new UnikernelCmd.Destroy()));
        assertTrue(destroyed.equals(new Success.Message("destroyed unikernel"))
                || destroyed.equals(new Success.Message("destroyed: removed from restarting")), destroyed.toString());
        assertEquals(new Failure("destroy: not found"), payload(d.call(":crash", new UnikernelCmd.Destroy())));
        d.assertNothingLeft();
    }

    @Test
    void aTenderFailingAtOnceIsAFailureAndLeavesNothing() throws Exception {
        UnikernelConfig bad = net(new FailBehaviour.Quit()).toBuilder().memoryMb(5000).build();
        Payload reply = payload(d.call(":bad", new UnikernelCmd.Create(bad)));
        assertInstanceOf(Failure.class, reply, reply.toString());
        d.assertNothingLeft();
    }

    @Test
    void sigtermStopsEverythingAndTheNextStartRestoresIt() throws Exception {
        d.call(":web", new UnikernelCmd.Create(net(FailBehaviour.Restart.onAnyExit())));
        d.stop();
        d.assertNothingLeft();
        StateFile state = StateFileCodec.decode(Files.readAllBytes(d.paths.dbdir().resolve("state"))).orElseThrow();
        assertEquals(List.of(Name.parse(":web")), state.unikernels().stream().map(StateFile.NamedUnikernel::name)
                .toList());
        d.start();
        assertEquals(1, info(":web").size());
        assertEquals(1, d.tenders().size());
        d.call(":web", new UnikernelCmd.Destroy());
        d.assertNothingLeft();
        d.stop();
        StateFile after = StateFileCodec.decode(Files.readAllBytes(d.paths.dbdir().resolve("state"))).orElseThrow();
        assertEquals(List.of(), after.unikernels());
    }

    @Test
    void theStateFileFollowsCreateAndDestroy() throws Exception {
        d.call(":web", new UnikernelCmd.Create(net(new FailBehaviour.Quit())));
        d.daemon().vmmd();
        awaitState(s -> s.unikernels().size() == 1);
        d.call(":web", new UnikernelCmd.Destroy());
        awaitState(s -> s.unikernels().isEmpty());
        assertTrue(Files.exists(d.paths.dbdir().resolve("state.bak")));
    }

    private void awaitState(java.util.function.Predicate<StateFile> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Path file = d.paths.dbdir().resolve("state");
            if (Files.exists(file)) {
                StateFile s = StateFileCodec.decode(Files.readAllBytes(file)).orElseThrow();
                if (condition.test(s)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("state file never reached the expected content");
            }
            Thread.onSpinWait();
        }
    }
}
