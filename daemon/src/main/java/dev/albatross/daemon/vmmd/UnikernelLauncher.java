package dev.albatross.daemon.vmmd;

import dev.albatross.console.fifo.FifoReader;
import dev.albatross.daemon.core.Resources;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Mac;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockDevice;
import dev.albatross.protocol.wire.NetIf;
import dev.albatross.protocol.wire.Typ;
import dev.albatross.protocol.wire.UnikernelConfig;
import dev.albatross.tender.block.BlockStore;
import dev.albatross.tender.elf.ManifestCheck;
import dev.albatross.tender.elf.Solo5Image;
import dev.albatross.tender.elf.Solo5ImageException;
import dev.albatross.tender.elf.Solo5Target;
import dev.albatross.tender.net.NetInterfaces;
import dev.albatross.tender.net.TapDevice;
import dev.albatross.tender.net.TapDevices;
import dev.albatross.tender.process.ConsoleFifo;
import dev.albatross.tender.process.LaunchSpec;
import dev.albatross.tender.process.TenderLocator;
import dev.albatross.tender.process.TenderProcess;
import dev.albatross.tender.process.TenderSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effects of starting and stopping one unikernel (spec §7.3, §7.5, §7.7), each step with its undo: a
 * failure at any step releases what the earlier steps took, so bad input leaves no file, tap or process.
 */
final class UnikernelLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(UnikernelLauncher.class);

    /**
     * @param dropPath       {@code --name=} gets the label only (Albatross's default; {@code --no-drop-path} off)
     * @param maxImageBytes  largest uncompressed image accepted (a compressed image must not inflate beyond it)
     */
    record Options(boolean dropPath, int maxImageBytes) {
    }

    private final DaemonPaths paths;
    private final TenderLocator locator;
    private final NetInterfaces interfaces;
    private final TapDevices taps;
    private final BlockStore blocks;
    private final TenderSupervisor supervisor;
    private final FifoReader consoles;
    private final Options options;

    UnikernelLauncher(DaemonPaths paths, TenderLocator locator, NetInterfaces interfaces, TapDevices taps,
            BlockStore blocks, TenderSupervisor supervisor, FifoReader consoles, Options options) {
        this.paths = paths;
        this.locator = locator;
        this.interfaces = interfaces;
        this.taps = taps;
        this.blocks = blocks;
        this.supervisor = supervisor;
        this.consoles = consoles;
        this.options = options;
    }

    /** The uncompressed image of {@code config}. */
    Bytes image(UnikernelConfig config) throws CreateFailure {
        return config.compressed() ? Images.inflate(config.image(), options.maxImageBytes()) : config.image();
    }

    /** Checks that the image is a Solo5 hvt image whose manifest matches the configured devices. */
    Solo5Image checkImage(Bytes image, UnikernelConfig config) throws CreateFailure {
        if (config.typ() != Typ.SOLO5) {
            throw new CreateFailure("BHyve unikernels are not supported on Linux");
        }
        Solo5Image solo5;
        try {
            solo5 = Solo5Image.read(image.asReadOnlyBuffer());
        } catch (Solo5ImageException e) {
            throw new CreateFailure("invalid image: " + e.getMessage(), e);
        }
        if (solo5.target() != Solo5Target.HVT) {
            throw new CreateFailure("unsupported solo5 target " + solo5.target().text() + " (only hvt is supported)");
        }
        Optional<String> mismatch = ManifestCheck.mismatch(solo5,
                config.blocks().stream().map(BlockDevice::name).toList(),
                config.bridges().stream().map(NetIf::netif).toList());
        if (mismatch.isPresent()) {
            throw new CreateFailure(mismatch.get());
        }
        return solo5;
    }

    /** Everything but the process (spec §7.3 "prepare"); on failure nothing is left behind. */
    Prepared prepare(Name name, UnikernelConfig config, long maxConsoles) throws CreateFailure {
        Bytes image = image(config);
        Bytes digest = image.sha256();
        Solo5Image solo5 = checkImage(image, config);
        Path tender;
        try {
            tender = locator.locate(solo5.abiVersion());
        } catch (IOException e) {
            throw new CreateFailure(e.getMessage(), e);
        }
        for (NetIf n : config.bridges()) {
            if (!NetInterfaces.isValidName(n.hostBridge()) || !interfaces.exists(n.hostBridge())) {
                throw new CreateFailure("interface " + n.hostBridge() + " does not exist");
            }
        }
        List<Runnable> undo = new ArrayList<>();
        try {
            Path imageFile = paths.imageFile(name);
            writeImage(imageFile, image);
            undo.add(() -> deleteQuietly(imageFile));

            ConsoleFifo fifo = createFifo(name);
            undo.add(() -> deleteQuietly(fifo.path()));
            try {
                consoles.attach(name, maxConsoles);
            } catch (IOException e) {
                LOG.error("attaching console of {}: {}", name, e.toString());
                throw new CreateFailure("could not create unikernel: console failed", e);
            }
            undo.add(() -> detachQuietly(name));

            List<TapDevice> created = new ArrayList<>();
            List<Mac> macs = new ArrayList<>();
            List<LaunchSpec.Net> nets = new ArrayList<>();
            for (NetIf n : config.bridges()) {
                TapDevice tap = createTap(n.hostBridge());
                undo.add(() -> destroyQuietly(tap));
                created.add(tap);
                Mac mac = n.mac().orElseGet(() -> name.mac(n.netif()));
                macs.add(mac);
                nets.add(new LaunchSpec.Net(n.netif(), tap.name(), mac.toString()));
            }
            LaunchSpec spec = new LaunchSpec(name.text(), tender, config.memoryMb(), nets, blockSpecs(name, config),
                    imageFile, guestArguments(name, config), config.cpuids(), fifo.path());
            return new Prepared(name, config, digest, spec, created, macs);
        } catch (CreateFailure | RuntimeException e) {
            undoAll(undo);
            throw e;
        }
    }

    /** Spawns the tender of {@code p}; on failure releases what {@link #prepare} took. */
    TenderProcess start(Prepared p) throws CreateFailure {
        try {
            return supervisor.spawn(p.spec());
        } catch (IOException | RuntimeException e) {
            LOG.error("starting {}: {}", p.name(), e.toString());
            release(p);
            throw new CreateFailure("could not create unikernel: " + e.getMessage(), e);
        }
    }

    /** Releases what a unikernel held once its tender has exited (spec §7.3 step 7). */
    void release(Prepared p) {
        for (TapDevice tap : p.taps()) {
            destroyQuietly(tap);
        }
        deleteQuietly(p.spec().image());
        detachQuietly(p.name());
        deleteQuietly(p.spec().consoleFifo());
    }

    private List<LaunchSpec.Block> blockSpecs(Name name, UnikernelConfig config) throws CreateFailure {
        List<LaunchSpec.Block> out = new ArrayList<>(config.blocks().size());
        for (BlockDevice b : config.blocks()) {
            Optional<Name> block = Resources.blockName(name, b.hostDevice());
            Path file = block.isPresent() ? blocks.path(block.get().text()) : Path.of(b.hostDevice());
            out.add(new LaunchSpec.Block(b.name(), file, b.sectorSize()));
        }
        return out;
    }

    /** The guest's argv: {@code --name=<label>} first if add-name (spec §7.4), then the user's arguments. */
    List<String> guestArguments(Name name, UnikernelConfig config) {
        List<String> args = new ArrayList<>(config.argv().size() + 1);
        if (config.addName()) {
            boolean full = !options.dropPath() || name.label().isEmpty();
            args.add("--name=" + (full ? name.text() : name.label().get().value()));
        }
        args.addAll(config.argv());
        return args;
    }

    private void writeImage(Path file, Bytes image) throws CreateFailure {
        try {
            ensureDirectory(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                image.writeTo(out);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("writing image {}: {}", file, e.toString());
            throw new CreateFailure("could not create unikernel: failed to write the image (" + reason(e) + ")", e);
        }
    }

    /**
     * Creates {@code dir} if it is missing. Checked first because {@code Files.createDirectories} of an existing
     * directory fails inside (an exception made and caught) on every create.
     */
    private static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    private ConsoleFifo createFifo(Name name) throws CreateFailure {
        try {
            ensureDirectory(paths.fifoDir());
            return ConsoleFifo.create(paths.tmpdir(), name.text());
        } catch (IOException e) {
            LOG.error("creating fifo of {}: {}", name, e.toString());
            throw new CreateFailure("could not create unikernel: failed to create its console fifo", e);
        }
    }

    private TapDevice createTap(String bridge) throws CreateFailure {
        try {
            return taps.create(bridge);
        } catch (IOException e) {
            LOG.error("{}", e.getMessage());
            throw new CreateFailure(e.getMessage(), e);
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("/[^ :]*", "<path>");
    }

    private void destroyQuietly(TapDevice tap) {
        try {
            taps.destroy(tap.name());
        } catch (IOException e) {
            LOG.error("destroying tap {}: {}", tap.name(), e.getMessage());
        }
    }

    private void detachQuietly(Name name) {
        try {
            consoles.detach(name);
        } catch (IOException e) {
            LOG.warn("detaching console of {}: {}", name, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("removing {}: {}", file, e.toString());
        }
    }

    private static void undoAll(List<Runnable> undo) {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }
}
