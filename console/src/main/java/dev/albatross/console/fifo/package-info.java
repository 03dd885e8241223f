/**
 * Reads the unikernels' console fifos ({@code <tmpdir>/fifo/<name>}) with one epoll thread for all of them and
 * feeds {@link dev.albatross.console.Consoles}. The only package of this module that may import
 * {@code com.sun.jna}; every native call site carries a {@code // Native:} comment.
 */
package dev.albatross.console.fifo;
