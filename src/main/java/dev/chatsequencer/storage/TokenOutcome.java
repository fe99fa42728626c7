package dev.chatsequencer.storage;

/**
 * Whether a token was taken, the whole tokens left, and how long until one is there and until the bucket is
 * full.
 */
public record TokenOutcome(boolean taken, long remaining, long waitMillis, long fullMillis) {
}
