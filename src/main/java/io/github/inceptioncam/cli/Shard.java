package io.github.inceptioncam.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Shard I of N of a run ({@code --shard I/N}, 0 <= I < N): an input belongs to shard
 * {@code unsigned(first 8 bytes of SHA-256(UTF-8 key), big-endian) mod N}, its key being its path relative
 * to its input root with '/' separators ({@link InputSet}). The same on every machine and in every rerun,
 * whatever the listing order.
 */
final class Shard {
	final int index;
	final int count;

	Shard(int index, int count) {
		if (count < 1) throw new IllegalArgumentException("--shard I/N needs N >= 1, not " + count);
		if (index < 0 || index >= count) throw new IllegalArgumentException("--shard I/N needs 0 <= I < N, not " + index + "/" + count);
		this.index = index;
		this.count = count;
	}

	/** Parses "I/N"; IllegalArgumentException with a one-line reason. */
	static Shard parse(String spec) {
		String s = spec == null ? "" : spec.trim();
		int slash = s.indexOf('/');
		if (slash < 0) throw new IllegalArgumentException("--shard must be I/N (e.g. 0/4), not '" + spec + "'");
		try {
			return new Shard(Integer.parseInt(s.substring(0, slash).trim()), Integer.parseInt(s.substring(slash + 1).trim()));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--shard must be I/N with whole numbers (e.g. 0/4), not '" + spec + "'");
		}
	}

	/** The shard (0..n-1) of an input key. */
	static int of(String key, int n) {
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return (int) Long.remainderUnsigned(ByteBuffer.wrap(d, 0, 8).getLong(), n);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this Java", e);
		}
	}

	boolean contains(String key) {
		return of(key, count) == index;
	}

	/** The base name of this shard's files: results.shard-I-of-N. */
	String baseName() {
		return "results.shard-" + index + "-of-" + count;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
