package dev.albatross.protocol.wire;

/**
 * What a message carries (spec §5.1):
 * <pre>
 * Payload ::= CHOICE {
 *   command  [0] Command,
 *   reply    [1] Success,
 *   failure  [2] UTF8String,
 *   data     [3] Data }
 * </pre>
 */
public sealed interface Payload permits Command, Success, Failure, Data {
    enum Kind { COMMAND, REPLY, FAILURE, DATA }

    Kind payloadKind();
}
