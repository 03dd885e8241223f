package dev.albatross.protocol.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * Unikernel commands (spec §5.2). Tags 0–2, 4–8, 12 and 13 were removed and are refused.
 * <pre>
 * [3]  NULL               destroy
 * [9]  UnikernelConfigV3  create        (old, decode-only in Albatross)
 * [10] UnikernelConfigV3  force-create  (old)
 * [11] INTEGER            get image at compression level
 * [14] RestartArgs        restart
 * [15] NULL               info, answered in the old info4 format
 * [16] UnikernelConfigV4  create        (old)
 * [17] UnikernelConfigV4  force-create  (old)
 * [18] NULL               info, answered in the old info5 format
 * [19] NULL               info
 * [20] UnikernelConfig    create
 * [21] UnikernelConfig    force-create
 * </pre>
 * Old variants remember their {@link ConfigFormat} so that they re-encode to the bytes they came from.
 */
public sealed interface UnikernelCmd extends Command {
    enum Kind { DESTROY, CREATE, FORCE_CREATE, GET, RESTART, OLD_INFO4, OLD_INFO5, INFO }

    Kind kind();

    @Override
    default Command.Kind commandKind() {
        return Command.Kind.UNIKERNEL;
    }

    record Destroy() implements UnikernelCmd {
        @Override
        public Kind kind() {
            return Kind.DESTROY;
        }
    }

    /** Create; {@code format} is V3 ([9]), V4 ([16]) or V5 ([20], what current clients send). */
    record Create(UnikernelConfig config, ConfigFormat format) implements UnikernelCmd {
        public Create {
            Objects.requireNonNull(config, "config");
            format.requireCommandFormat();
        }

        public Create(UnikernelConfig config) {
            this(config, ConfigFormat.V5);
        }

        @Override
        public Kind kind() {
            return Kind.CREATE;
        }
    }

    /** Force-create: replaces a running unikernel of the same name; formats as for {@link Create}. */
    record ForceCreate(UnikernelConfig config, ConfigFormat format) implements UnikernelCmd {
        public ForceCreate {
            Objects.requireNonNull(config, "config");
            format.requireCommandFormat();
        }

        public ForceCreate(UnikernelConfig config) {
            this(config, ConfigFormat.V5);
        }

        @Override
        public Kind kind() {
            return Kind.FORCE_CREATE;
        }
    }

    /** Get the image, compressed at {@code level} (0: as stored if plain, inflated if compressed). */
    record Get(int level) implements UnikernelCmd {
        @Override
        public Kind kind() {
            return Kind.GET;
        }
    }

    /**
     * Restart, with unchanged configuration ({@code [14][0] NULL}) or with new arguments in one of three
     * formats ({@code [14][1]} V0, {@code [14][2]} V1, {@code [14][3]} current).
     */
    record Restart(Optional<UnikernelArguments> arguments, UnikernelArguments.Format format) implements UnikernelCmd {
        public Restart {
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(format, "format");
            if (arguments.isEmpty()) {
                // Without arguments the wire has no format ([14][0] NULL): one value, as it decodes.
                format = UnikernelArguments.Format.CURRENT;
            }
        }

        public Restart(Optional<UnikernelArguments> arguments) {
            this(arguments, UnikernelArguments.Format.CURRENT);
        }

        @Override
        public Kind kind() {
            return Kind.RESTART;
        }
    }

    /** Info answered with success [9] (InfoV4). */
    record OldInfo4() implements UnikernelCmd {
        @Override
        public Kind kind() {
            return Kind.OLD_INFO4;
        }
    }

    /** Info answered with success [11] (InfoV5). */
    record OldInfo5() implements UnikernelCmd {
        @Override
        public Kind kind() {
            return Kind.OLD_INFO5;
        }
    }

    /** Info answered with success [13]. */
    record Info() implements UnikernelCmd {
        @Override
        public Kind kind() {
            return Kind.INFO;
        }
    }
}
