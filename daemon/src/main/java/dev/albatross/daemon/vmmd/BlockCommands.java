package dev.albatross.daemon.vmmd;

import dev.albatross.daemon.core.BlockState;
import dev.albatross.daemon.core.Resources;
import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.wire.BlockCmd;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Payload;
import dev.albatross.protocol.wire.Success;
import dev.albatross.tender.block.BlockDump;
import dev.albatross.tender.block.BlockException;
import dev.albatross.tender.block.BlockStore;
import dev.albatross.tender.block.BlockUpload;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Block device commands (spec §7.6), run on the vmmd thread; streamed data moves on the connection's side. */
final class BlockCommands {
    private static final Logger LOG = LoggerFactory.getLogger(BlockCommands.class);

    private final Vmmd vmmd;
    private final BlockStore store;

    BlockCommands(Vmmd vmmd, BlockStore store) {
        this.vmmd = vmmd;
        this.store = store;
    }

    Response handle(Name name, BlockCmd cmd) {
        if (cmd.kind() == BlockCmd.Kind.INFO) {
            return Response.Finish.now(info(name));
        }
        if (name.isPath()) {
            return Response.Finish.now(new Failure("block device commands need a name, not the path " + name.text()));
        }
        return switch (cmd.kind()) {
            case INFO -> Response.Finish.now(info(name));
            case ADD -> Response.Finish.now(add(name, ((BlockCmd.Add) cmd).sizeMb(), Optional.empty()));
            case OLD_ADD -> {
                BlockCmd.OldAdd a = (BlockCmd.OldAdd) cmd;
                Optional<Bytes> data = a.data();
                if (data.isPresent() && a.compressed()) {
                    try {
                        data = Optional.of(Images.inflate(data.get(), Integer.MAX_VALUE - 8));
                    } catch (CreateFailure e) {
                        yield Response.Finish.now(new Failure(e.getMessage()));
                    }
                }
                yield Response.Finish.now(add(name, a.sizeMb(), data));
            }
            case REMOVE -> Response.Finish.now(remove(name));
            case SET -> set(name, ((BlockCmd.Set) cmd).compressed());
            case OLD_SET -> Response.Finish.now(oldSet(name, (BlockCmd.OldSet) cmd));
            case DUMP -> dump(name, ((BlockCmd.Dump) cmd).level());
            case OLD_DUMP -> Response.Finish.now(oldDump(name, ((BlockCmd.OldDump) cmd).level()));
        };
    }

    private Payload info(Name name) {
        List<Success.BlockDeviceEntry> entries;
        if (name.label().isPresent()) {
            entries = vmmd.resources().blocks().find(name)
                    .map(b -> List.of(new Success.BlockDeviceEntry(name, b.sizeMb(), b.active()))).orElse(List.of());
        } else {
            entries = vmmd.resources().blocks().listReplyOrder(name.path()).stream()
                    .map(e -> new Success.BlockDeviceEntry(e.name(), e.value().sizeMb(), e.value().active())).toList();
        }
        return new Success.BlockDevices(entries);
    }

    private Payload add(Name name, int sizeMb, Optional<Bytes> data) {
        if (vmmd.resources().blocks().find(name).isPresent()) {
            return new Failure("block device with same name already exists");
        }
        Optional<String> refusal = vmmd.resources().checkBlock(name, sizeMb);
        if (refusal.isPresent()) {
            return new Failure(refusal.get());
        }
        if (data.isPresent() && data.get().length() > (long) sizeMb * BlockStore.MB) {
            return new Failure("data exceeds block size");
        }
        try {
            store.create(name.text(), sizeMb);
            if (data.isPresent()) {
                try {
                    write(name, sizeMb, data.get());
                } catch (BlockException e) {
                    store.remove(name.text());
                    throw e;
                }
            }
        } catch (BlockException e) {
            LOG.error("adding block {}: {}", name, e.getMessage());
            return new Failure(e.getMessage());
        }
        vmmd.resources(vmmd.resources().insertBlock(name, sizeMb).orElseThrow());
        return new Success.Message("added block device");
    }

    private void write(Name name, int sizeMb, Bytes data) throws BlockException {
        try (BlockUpload upload = store.upload(name.text(), sizeMb, false)) {
            upload.write(data.asReadOnlyBuffer());
            upload.commit();
        }
    }

    private Payload remove(Name name) {
        Optional<BlockState> block = vmmd.resources().blocks().find(name);
        if (block.isEmpty()) {
            return new Failure("remove block: not found");
        } else if (block.get().active()) {
            return new Failure("remove block: is in use");
        }
        try {
            store.remove(name.text());
        } catch (BlockException e) {
            LOG.error("removing block {}: {}", name, e.getMessage());
            return new Failure(e.getMessage());
        }
        Resources.Outcome outcome = vmmd.resources().removeBlock(name);
        vmmd.resources(outcome.orElseThrow());
        return new Success.Message("removed block");
    }

    private Response set(Name name, boolean compressed) {
        Optional<BlockState> block = vmmd.resources().blocks().find(name);
        if (block.isEmpty()) {
            return Response.Finish.now(new Failure("set block: not found"));
        } else if (block.get().active()) {
            return Response.Finish.now(new Failure("set block: is in use"));
        }
        try {
            return new Response.ReceiveStream(store.upload(name.text(), block.get().sizeMb(), compressed));
        } catch (BlockException e) {
            return Response.Finish.now(new Failure(e.getMessage()));
        }
    }

    private Payload oldSet(Name name, BlockCmd.OldSet cmd) {
        Optional<BlockState> block = vmmd.resources().blocks().find(name);
        if (block.isEmpty()) {
            return new Failure("set block: not found");
        } else if (block.get().active()) {
            return new Failure("set block: is in use");
        }
        Bytes data = cmd.data();
        try {
            if (cmd.compressed()) {
                data = Images.inflate(data, Integer.MAX_VALUE - 8);
            }
            if (data.length() > (long) block.get().sizeMb() * BlockStore.MB) {
                return new Failure("data exceeds block size");
            }
            write(name, block.get().sizeMb(), data);
        } catch (CreateFailure | BlockException e) {
            return new Failure(e.getMessage());
        }
        return new Success.Message("set block device");
    }

    private Response dump(Name name, int level) {
        Optional<BlockState> block = vmmd.resources().blocks().find(name);
        if (block.isEmpty()) {
            return Response.Finish.now(new Failure("dump block: not found"));
        } else if (block.get().active()) {
            return Response.Finish.now(new Failure("dump block: is in use"));
        }
        try {
            return new Response.SendStream(level != 0, store.dump(name.text(), level));
        } catch (BlockException e) {
            return Response.Finish.now(new Failure(e.getMessage()));
        }
    }

    private Payload oldDump(Name name, int level) {
        Optional<BlockState> block = vmmd.resources().blocks().find(name);
        if (block.isEmpty()) {
            return new Failure("dump block: not found");
        } else if (block.get().active()) {
            return new Failure("dump block: is in use");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockDump dump = store.dump(name.text(), level)) {
            for (Optional<byte[]> chunk = dump.next(); chunk.isPresent(); chunk = dump.next()) {
                out.write(chunk.get(), 0, chunk.get().length);
            }
        } catch (BlockException e) {
            return new Failure(e.getMessage());
        }
        return new Success.OldBlockDeviceImage(level != 0, Bytes.wrap(out.toByteArray()));
    }
}
