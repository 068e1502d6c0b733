package io.github.inceptioncam.image;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes to the results files of one output folder across threads and processes: an
 * exclusive lock on the folder's {@value #NAME} file (a {@link FileChannel} lock) held around each append,
 * rewrite or rename of a results CSV or manifest.
 */
public final class FolderLock {
	/** The lock file in the output folder (empty; safe to delete when no run uses the folder). */
	public static final String NAME = ".inception-cam.lock";
	/** File locks are per process: threads of this one take turns first. */
	private static final ReentrantLock IN_PROCESS = new ReentrantLock();

	/** Work done while the folder is locked. */
	public interface Action<T> {
		T run() throws IOException;
	}

	private FolderLock() {}

	/** Runs {@code action} while holding the lock of {@code dir}. */
	public static <T> T with(Path dir, Action<T> action) throws IOException {
		IN_PROCESS.lock();
		try (FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = ch.lock()) {
			return action.run();
		} finally {
			IN_PROCESS.unlock();
		}
	}
}
