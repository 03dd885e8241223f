package dev.albatross.protocol.wire;

import dev.albatross.protocol.der.Bytes;
import dev.albatross.protocol.name.Name;
import java.util.List;
import java.util.Objects;

/**
 * Success replies (spec §5.4). Tags 3, 5 and 8 were removed and are refused.
 * <pre>
 * Success ::= CHOICE {
 *   empty                   [0] NULL,
 *   string                  [1] UTF8String,
 *   policies                [2] SEQUENCE OF SEQUENCE { name Name, policy Policy },
 *   block-devices           [4] SEQUENCE OF SEQUENCE { name Name, size INTEGER, active BOOLEAN },
 *   unikernel-image         [6] SEQUENCE { compressed BOOLEAN, image OCTET STRING },
 *   old-block-device-image  [7] SEQUENCE { compressed BOOLEAN, image OCTET STRING },
 *   old-unikernel-info4     [9] SEQUENCE OF SEQUENCE { name Name, info InfoV4 },
 *   block-device-image      [10] BOOLEAN,           -- compressed; Block_data messages follow
 *   old-unikernel-info5     [11] SEQUENCE OF SEQUENCE { name Name, info InfoV5 },
 *   consoles                [12] SEQUENCE OF Name,
 *   unikernel-info          [13] SEQUENCE OF SEQUENCE { name Name, info Info } }
 * </pre>
 */
public sealed interface Success extends Payload {
    enum Kind {
        EMPTY, STRING, POLICIES, BLOCK_DEVICES, UNIKERNEL_IMAGE, OLD_BLOCK_DEVICE_IMAGE, OLD_UNIKERNEL_INFO4,
        BLOCK_DEVICE_IMAGE, OLD_UNIKERNEL_INFO5, CONSOLES, UNIKERNEL_INFO
    }

    Kind kind();

    @Override
    default Payload.Kind payloadKind() {
        return Payload.Kind.REPLY;
    }

    /** A policy and the (relative) name of the path it applies to. */
    record PolicyEntry(Name name, Policy policy) {
        public PolicyEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** A block device: (relative) name, size in MB, whether a unikernel uses it. */
    record BlockDeviceEntry(Name name, int sizeMb, boolean active) {
        public BlockDeviceEntry {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A unikernel and what {@code info} says of it. */
    record InfoEntry(Name name, Info info) {
        public InfoEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(info, "info");
        }
    }

    record Empty() implements Success {
        @Override
        public Kind kind() {
            return Kind.EMPTY;
        }
    }

    /** {@code string [1]}: e.g. "created unikernel". */
    record Message(String text) implements Success {
        public Message {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Kind kind() {
            return Kind.STRING;
        }
    }

    record Policies(List<PolicyEntry> policies) implements Success {
        public Policies {
            policies = List.copyOf(policies);
        }

        @Override
        public Kind kind() {
            return Kind.POLICIES;
        }
    }

    record BlockDevices(List<BlockDeviceEntry> devices) implements Success {
        public BlockDevices {
            devices = List.copyOf(devices);
        }

        @Override
        public Kind kind() {
            return Kind.BLOCK_DEVICES;
        }
    }

    record UnikernelImage(boolean compressed, Bytes image) implements Success {
        public UnikernelImage {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Kind kind() {
            return Kind.UNIKERNEL_IMAGE;
        }
    }

    record OldBlockDeviceImage(boolean compressed, Bytes image) implements Success {
        public OldBlockDeviceImage {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Kind kind() {
            return Kind.OLD_BLOCK_DEVICE_IMAGE;
        }
    }

    /** Info in the InfoV4 format (one CPU id per unikernel). */
    record OldUnikernelInfo4(List<InfoEntry> unikernels) implements Success {
        public OldUnikernelInfo4 {
            unikernels = List.copyOf(unikernels);
        }

        @Override
        public Kind kind() {
            return Kind.OLD_UNIKERNEL_INFO4;
        }
    }

    /** The first reply of a streamed block dump; {@code compressed}: the following data is zlib. */
    record BlockDeviceImage(boolean compressed) implements Success {
        @Override
        public Kind kind() {
            return Kind.BLOCK_DEVICE_IMAGE;
        }
    }

    /** Info in the InfoV5 format (one CPU id per unikernel). */
    record OldUnikernelInfo5(List<InfoEntry> unikernels) implements Success {
        public OldUnikernelInfo5 {
            unikernels = List.copyOf(unikernels);
        }

        @Override
        public Kind kind() {
            return Kind.OLD_UNIKERNEL_INFO5;
        }
    }

    /** Inactive consoles (relative names). */
    record Consoles(List<Name> names) implements Success {
        public Consoles {
            names = List.copyOf(names);
        }

        @Override
        public Kind kind() {
            return Kind.CONSOLES;
        }
    }

    record UnikernelInfo(List<InfoEntry> unikernels) implements Success {
        public UnikernelInfo {
            unikernels = List.copyOf(unikernels);
        }

        @Override
        public Kind kind() {
            return Kind.UNIKERNEL_INFO;
        }
    }
}
