package io.github.inceptioncam.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The serialized bytes of a model, kept off the Java heap: a file is memory-mapped (read-only), so
 * loading a 100 MB model costs page cache, not heap, and the parsed ONNX graph aliases these bytes
 * instead of copying its weights. The SHA-256 is computed on first request only. Thread-safe.
 */
public final class ModelBytes {
	/** Room left after the staged copy for the rewrite's tail (a few outputs: some hundred bytes). */
	static final int TAIL_ROOM = 64 * 1024;

	private final ByteBuffer bytes;
	private volatile String sha256;
	private final Object shaLock = new Object();
	/** A direct copy being made in the background for ONNX Runtime, consumed by the first {@link #withTail}. */
	private CompletableFuture<ByteBuffer> staged;

	private ModelBytes(ByteBuffer bytes) {
		this.bytes = bytes;
	}

	/** Maps a file read-only. */
	public static ModelBytes map(Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			if (size > Integer.MAX_VALUE - 1024) {
				throw new IOException("the file is " + size / (1024 * 1024) + " MB; models above 2 GB (external data) are not supported");
			}
			return new ModelBytes(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
		}
	}

	/**
	 * Starts copying the file into a direct buffer (with room for a tail) on a background daemon
	 * thread, so that the copy ONNX Runtime needs overlaps with parsing and analysing the graph.
	 */
	public synchronized void stageCopy(Path file) {
		if (staged != null) return;
		CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
		Thread t = new Thread(() -> {
			try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
				ByteBuffer out = ByteBuffer.allocateDirect(size() + TAIL_ROOM).order(ByteOrder.nativeOrder());
				out.limit(size());
				while (out.hasRemaining()) {
					if (ch.read(out, out.position()) < 0) throw new IOException("the file became shorter while reading");
				}
				f.complete(out);
			} catch (IOException | RuntimeException | OutOfMemoryError e) {
				f.completeExceptionally(e);
			}
		}, "inception-cam-model-copy");
		t.setDaemon(true);
		t.start();
		staged = f;
	}

	/** The staged copy if one was started and succeeded, else null; it is handed out once. */
	private ByteBuffer takeStaged() {
		CompletableFuture<ByteBuffer> f;
		synchronized (this) {
			f = staged;
			staged = null;
		}
		if (f == null) return null; // waited for outside the lock: the hash (own lock) may run meanwhile
		try {
			return f.join();
		} catch (CompletionException e) {
			return null;
		}
	}

	/** Wraps bytes already in memory (resources, tests); the array must not change afterwards. */
	public static ModelBytes of(byte[] bytes) {
		return new ModelBytes(ByteBuffer.wrap(bytes));
	}

	public int size() {
		return bytes.capacity();
	}

	/** A read-only view of all the bytes, positioned at 0. */
	public ByteBuffer buffer() {
		return bytes.asReadOnlyBuffer().clear();
	}

	/**
	 * The bytes as a protobuf {@link ByteString} that shares them (no copy); the caller must not
	 * modify them, which nothing here does.
	 */
	public ByteString byteString() {
		return UnsafeByteOperations.unsafeWrap(bytes.duplicate().clear());
	}

	/** Hex SHA-256 of the bytes, computed once on first call. */
	public String sha256() {
		String s = sha256;
		if (s == null) {
			synchronized (shaLock) { // not this: hashing must not hold up handing the staged copy over
				if (sha256 == null) sha256 = digest(buffer());
				s = sha256;
			}
		}
		return s;
	}

	static String digest(ByteBuffer b) {
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			md.update(b);
			StringBuilder sb = new StringBuilder(64);
			for (byte x : md.digest()) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
			return sb.toString();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The bytes followed by {@code tail}, in a new direct (native) buffer: serialized protobuf messages
	 * merge when concatenated, so a tail holding extra graph outputs yields the rewritten model
	 * without re-serializing the original. Free it with {@link #free(ByteBuffer)} once used.
	 */
	public ByteBuffer withTail(byte[] tail) throws ModelException {
		ByteBuffer staged = takeStaged();
		if (staged != null && tail.length <= TAIL_ROOM) {
			staged.limit(size() + tail.length).position(size());
			staged.put(tail).flip();
			return staged;
		}
		free(staged);
		ByteBuffer out;
		try {
			out = ByteBuffer.allocateDirect(size() + tail.length).order(ByteOrder.nativeOrder());
		} catch (OutOfMemoryError e) {
			long mb = (size() + tail.length) / (1024 * 1024) + 1;
			throw new ModelException("not enough memory to hand the model to ONNX Runtime: it needs " + mb
				+ " MB of direct memory beyond what is in use; give Java more memory (-Xmx, or -XX:MaxDirectMemorySize="
				+ (mb + 64) + "m; in Fiji: Edit > Options > Memory & Threads)");
		}
		out.put(buffer()).put(tail).flip();
		return out;
	}

	/**
	 * Releases a direct buffer's native memory now instead of at some later garbage collection (a
	 * model-sized buffer would otherwise stay resident). Harmless when that is not possible.
	 */
	public static void free(ByteBuffer direct) {
		if (direct == null || !direct.isDirect()) return;
		try {
			Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
			Field f = unsafeClass.getDeclaredField("theUnsafe");
			f.setAccessible(true);
			Method clean = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
			clean.invoke(f.get(null), direct);
		} catch (ReflectiveOperationException | RuntimeException e) {
			// left to the garbage collector
		}
	}
}
