package dev.albatross.daemon.vmmd;

import dev.albatross.daemon.core.Resources;
import dev.albatross.protocol.name.Name;
import dev.albatross.protocol.name.Path;
import dev.albatross.protocol.wire.Failure;
import dev.albatross.protocol.wire.Policy;
import dev.albatross.protocol.wire.PolicyCmd;
import dev.albatross.protocol.wire.Success;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Policy commands (spec §6.5, §7.8), run on the vmmd thread. */
final class PolicyCommands {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyCommands.class);

    private final Vmmd vmmd;

    PolicyCommands(Vmmd vmmd) {
        this.vmmd = vmmd;
    }

    Response handle(Name name, PolicyCmd cmd) {
        if (name.label().isPresent()) {
            LOG.warn("policy command with non-empty name part \"{}\" in {}", name.label().get(), name);
        }
        Path path = name.path();
        return switch (cmd.kind()) {
            case INFO -> Response.Finish.now(new Success.Policies(vmmd.resources().policies().listReplyOrder(path)
                    .stream().map(e -> new Success.PolicyEntry(e.name(), e.value())).toList()));
            case ADD -> add(path, ((PolicyCmd.Add) cmd).policy());
            case REMOVE -> remove(path);
        };
    }

    private Response add(Path path, Policy policy) {
        Optional<Policy> existing = vmmd.resources().policies().find(path);
        if (existing.isPresent() && existing.get().equals(policy)) {
            return new Response.Continue(new Success.Message("no modification of policy"));
        }
        if (path.isRoot()) {
            // Compat §13.2 #20, fixed: the host's policy is discovered at start; nobody replaces it.
            return Response.Finish.now(new Failure("the root policy is the host's and cannot be replaced"));
        }
        Resources.Outcome outcome = vmmd.resources().insertPolicy(path, policy);
        if (outcome instanceof Resources.Outcome.Refused refused) {
            LOG.info("refused policy for {}: {}", path.asName(), refused.reason());
            return Response.Finish.now(new Failure(refused.reason()));
        }
        vmmd.resources(outcome.orElseThrow());
        vmmd.dump();
        return new Response.Continue(new Success.Message("added policy"));
    }

    private Response remove(Path path) {
        if (path.isRoot()) {
            return Response.Finish.now(new Failure("the root policy is the host's and cannot be removed"));
        }
        Resources.Outcome outcome = vmmd.resources().removePolicy(path);
        if (outcome instanceof Resources.Outcome.Refused refused) {
            return Response.Finish.now(new Failure(refused.reason()));
        }
        vmmd.resources(outcome.orElseThrow());
        vmmd.dump();
        return Response.Finish.now(new Success.Message("removed policy"));
    }
}
