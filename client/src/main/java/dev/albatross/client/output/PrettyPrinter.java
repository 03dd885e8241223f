package dev.albatross.client.output;

import dev.albatross.protocol.der.RawText;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * OCaml's {@code Format} engine, which decides where Albatross's output lines break: text, break hints
 * ({@code "@ "}), boxes ({@code "@["}/{@code "@]"}) and {@code "@."} (close every box, newline), with the
 * standard formatter's geometry (margin 78, maximum indentation 68).
 *
 * <p>A faithful port of the queue, scan-stack and format-stack algorithm of {@code stdlib/format.ml}, limited
 * to what Albatross's printers use (no tabulations, tags or ellipsis). The line breaks of {@code info} depend
 * on its details: a break in a structural box ({@code Pp_box}) also breaks when that lowers the indentation,
 * and after {@code "@."} the next element only sits in the outermost compacting box, whose last break never
 * learns its size and so always breaks.
 *
 * <p>Text is measured in UTF-8 bytes, as OCaml measures strings.
 */
public final class PrettyPrinter {
    /** {@code pp_infinity}: the size of a token whose real size is not known yet. */
    private static final int INFINITY = 1_000_000_010;
    private static final int MARGIN = 78;
    private static final int MIN_SPACE_LEFT = 10;
    private static final int MAX_INDENT = MARGIN - MIN_SPACE_LEFT;
    private static final int UNKNOWN = -1;

    private enum BoxType { HOVBOX, BOX, FITS }

    private sealed interface Token {
    }

    private record Text(String text) implements Token {
    }

    private record Break(int width, int offset) implements Token {
    }

    private record Begin(int indent, BoxType type) implements Token {
    }

    private record End() implements Token {
    }

    private static final class QueueElem {
        int size;
        final Token token;
        final int length;

        QueueElem(int size, Token token, int length) {
            this.size = size;
            this.token = token;
            this.length = length;
        }
    }

    private record ScanElem(int leftTotal, QueueElem elem) {
    }

    private record FormatElem(BoxType type, int width) {
    }

    private final Consumer<String> out;
    private final Deque<QueueElem> queue = new ArrayDeque<>();
    private final Deque<ScanElem> scanStack = new ArrayDeque<>();
    private final Deque<FormatElem> formatStack = new ArrayDeque<>();
    private int spaceLeft = MARGIN;
    private int currentIndent;
    private boolean isNewLine = true;
    private int leftTotal = 1;
    private int rightTotal = 1;
    private int currDepth = 1;

    /** A formatter writing to {@code out}, in the state of a fresh {@code std_formatter}. */
    public PrettyPrinter(Consumer<String> out) {
        this.out = out;
        QueueElem sys = new QueueElem(UNKNOWN, new Begin(0, BoxType.HOVBOX), 0);
        queue.add(sys);
        initializeScanStack();
        scanStack.push(new ScanElem(1, sys));
    }

    /** {@code pp_print_string}. */
    public PrettyPrinter text(String s) {
        int size = byteLength(s);
        enqueueAdvance(new QueueElem(size, new Text(s), size));
        return this;
    }

    /** {@code "@ "}: a space, or a line break. */
    public PrettyPrinter space() {
        return breakHint(1, 0);
    }

    /** {@code "@,"}: nothing, or a line break. */
    public PrettyPrinter cut() {
        return breakHint(0, 0);
    }

    private PrettyPrinter breakHint(int width, int offset) {
        QueueElem elem = new QueueElem(-rightTotal, new Break(width, offset), width);
        scanPush(true, elem);
        return this;
    }

    /** {@code "@["}: a structural box with indentation 0. */
    public PrettyPrinter openBox() {
        currDepth++;
        QueueElem elem = new QueueElem(-rightTotal, new Begin(0, BoxType.BOX), 0);
        scanPush(false, elem);
        return this;
    }

    /** {@code "@]"}: closes the innermost box; a no-op when only the outermost box is open. */
    public PrettyPrinter closeBox() {
        if (currDepth > 1) {
            enqueue(new QueueElem(0, new End(), 0));
            setSize(true);
            setSize(false);
            currDepth--;
        }
        return this;
    }

    /** {@code "@."}: prints everything pending, closing all boxes, then a newline. */
    public PrettyPrinter newline() {
        flushQueue(true);
        return this;
    }

    /** {@code "@?"}: prints everything pending, closing all boxes. */
    public PrettyPrinter flush() {
        flushQueue(false);
        return this;
    }

    private static int byteLength(String s) {
        return RawText.isAscii(s) ? s.length() : RawText.encode(s).length;
    }

    private void initializeScanStack() {
        scanStack.clear();
        scanStack.push(new ScanElem(-1, new QueueElem(UNKNOWN, new Text(""), 0)));
    }

    private void enqueue(QueueElem elem) {
        rightTotal += elem.length;
        queue.add(elem);
    }

    private void enqueueAdvance(QueueElem elem) {
        enqueue(elem);
        advanceLeft();
    }

    private void advanceLeft() {
        while (!queue.isEmpty()) {
            QueueElem head = queue.peek();
            int pending = rightTotal - leftTotal;
            if (head.size >= 0 || pending >= spaceLeft) {
                queue.poll();
                formatToken(head.size >= 0 ? head.size : INFINITY, head.token);
                leftTotal += head.length;
            } else {
                return;
            }
        }
    }

    private void formatToken(int size, Token token) {
        if (token instanceof Text t) {
            spaceLeft -= size;
            out.accept(t.text());
            isNewLine = false;
        } else if (token instanceof Begin b) {
            int insertionPoint = MARGIN - spaceLeft;
            if (insertionPoint > MAX_INDENT) {
                forceBreakLine();
            }
            int width = spaceLeft - b.indent();
            BoxType type = size > spaceLeft ? b.type() : BoxType.FITS;
            formatStack.push(new FormatElem(type, width));
        } else if (token instanceof End) {
            formatStack.poll();
        } else if (token instanceof Break br) {
            FormatElem top = formatStack.peek();
            if (top == null) {
                return;
            }
            switch (top.type()) {
                case HOVBOX -> {
                    if (size > spaceLeft) {
                        breakNewLine(br.offset(), top.width());
                    } else {
                        breakSameLine(br.width());
                    }
                }
                case BOX -> {
                    if (isNewLine) {
                        breakSameLine(br.width());
                    } else if (size > spaceLeft) {
                        breakNewLine(br.offset(), top.width());
                    } else if (currentIndent > MARGIN - top.width() + br.offset()) {
                        breakNewLine(br.offset(), top.width());
                    } else {
                        breakSameLine(br.width());
                    }
                }
                case FITS -> breakSameLine(br.width());
            }
        }
    }

    private void breakNewLine(int offset, int width) {
        out.accept("\n");
        isNewLine = true;
        int indent = MARGIN - width + offset;
        currentIndent = Math.min(MAX_INDENT, indent);
        spaceLeft = MARGIN - currentIndent;
        if (currentIndent > 0) {
            out.accept(" ".repeat(currentIndent));
        }
    }

    private void breakSameLine(int width) {
        spaceLeft -= width;
        if (width > 0) {
            out.accept(" ".repeat(width));
        }
    }

    private void forceBreakLine() {
        FormatElem top = formatStack.peek();
        if (top == null) {
            out.accept("\n");
        } else if (top.width() > spaceLeft && top.type() != BoxType.FITS) {
            breakNewLine(0, top.width());
        }
    }

    private void setSize(boolean isBreak) {
        ScanElem top = scanStack.peek();
        if (top == null) {
            return;
        }
        int size = top.elem().size;
        if (top.leftTotal() < leftTotal) {
            initializeScanStack();
            return;
        }
        Token token = top.elem().token;
        if (token instanceof Break) {
            if (isBreak) {
                top.elem().size = rightTotal + size;
                scanStack.pop();
            }
        } else if (token instanceof Begin) {
            if (!isBreak) {
                top.elem().size = rightTotal + size;
                scanStack.pop();
            }
        }
    }

    private void scanPush(boolean isBreak, QueueElem elem) {
        enqueue(elem);
        if (isBreak) {
            setSize(true);
        }
        scanStack.push(new ScanElem(rightTotal, elem));
    }

    private void flushQueue(boolean withNewline) {
        while (currDepth > 1) {
            closeBox();
        }
        rightTotal = INFINITY;
        advanceLeft();
        if (withNewline) {
            out.accept("\n");
        }
        reinit();
    }

    private void reinit() {
        leftTotal = 1;
        rightTotal = 1;
        queue.clear();
        initializeScanStack();
        formatStack.clear();
        currentIndent = 0;
        currDepth = 0;
        spaceLeft = MARGIN;
        // pp_open_sys_box
        currDepth++;
        QueueElem elem = new QueueElem(-rightTotal, new Begin(0, BoxType.HOVBOX), 0);
        scanPush(false, elem);
    }
}
