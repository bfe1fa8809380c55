/**
 * The {@code gcfstream} sample: a Google Cloud Functions {@code HttpFunction} that streams its
 * answer, flushing a first part and writing the rest only once it is told to go on, so a test can
 * see the first part arrive while the function still runs.
 */
package dev.faasjvm.samples.gcfstream;
