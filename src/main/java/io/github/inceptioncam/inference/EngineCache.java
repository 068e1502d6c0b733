package io.github.inceptioncam.inference;

import io.github.inceptioncam.model.BioimagePackage;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps loaded engines for the life of the JVM (Fiji session, batch job), so that a second run with the
 * same model costs a file-attribute check, not a model load. A changed file (size or modification
 * time) is loaded again. Thread-safe: an engine evicted (or cleared) while sessions run on it is released
 * when the last of them closes; {@link #openSession} gets an engine and opens a session on it atomically,
 * so that no other thread's eviction can close the engine in between.
 */
public final class EngineCache {
	private static final int MAX_ENGINES = 4;
	private static final Map<Key, CamEngine> ENGINES = new LinkedHashMap<>(8, 0.75f, true);

	private EngineCache() {}

	private static final class Key {
		final String path;
		final long size;
		final long modified;
		final EngineSettings device;

		Key(Path p, EngineSettings device) throws IOException {
			this.device = device;
			if (p == null) {
				path = "built-in";
				size = -1;
				modified = -1;
			} else {
				// a bioimage.io package folder changes when its rdf.yaml does
				BasicFileAttributes a = Files.readAttributes(BioimagePackage.stampFile(p), BasicFileAttributes.class);
				path = p.toAbsolutePath().normalize().toString();
				size = a.size();
				modified = a.lastModifiedTime().toMillis();
			}
		}

		@Override
		public boolean equals(Object o) {
			if (!(o instanceof Key)) return false;
			Key k = (Key) o;
			return path.equals(k.path) && size == k.size && modified == k.modified && device.equals(k.device);
		}

		@Override
		public int hashCode() {
			return Objects.hash(path, size, modified, device);
		}
	}

	/** The engine for the model file (null: built-in) on the device, loading it on first use. */
	public static CamEngine get(Path model, DeviceChoice device, Consumer<String> log)
			throws ModelException, DeviceException {
		return get(model, EngineSettings.of(device), log);
	}

	/** The engine for the model file (null: built-in) with these settings, loading it on first use. */
	public static synchronized CamEngine get(Path model, EngineSettings device, Consumer<String> log)
			throws ModelException, DeviceException {
		Key key;
		try {
			key = new Key(model, device);
		} catch (IOException e) {
			// let the loader produce its one-line message (missing file, folder, ...)
			return CamEngine.load(InceptionModel.load(model, null), device, log);
		}
		CamEngine e = ENGINES.get(key);
		if (e != null) return e;
		e = CamEngine.load(InceptionModel.load(model, null), device, log);
		ENGINES.put(key, e);
		if (ENGINES.size() > MAX_ENGINES) {
			Key eldest = ENGINES.keySet().iterator().next();
			ENGINES.remove(eldest).close();
		}
		return e;
	}

	/**
	 * A new session on the engine for the model file (null: built-in) with these settings, loading it on
	 * first use; the engine stays loaded until the session closes, whatever other threads load meanwhile.
	 */
	public static synchronized CamSession openSession(Path model, EngineSettings settings, int maxBatch, Consumer<String> log)
			throws ModelException, DeviceException {
		return get(model, settings, log).newSession(maxBatch);
	}

	/** Closes and forgets every engine (an engine still in use is released when its last session closes). */
	public static synchronized void clear() {
		for (CamEngine e : ENGINES.values()) e.close();
		ENGINES.clear();
	}
}
