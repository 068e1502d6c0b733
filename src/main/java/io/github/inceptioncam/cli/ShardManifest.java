package io.github.inceptioncam.cli;

import com.google.gson.JsonParseException;
import io.github.inceptioncam.image.AtomicFiles;
import io.github.inceptioncam.image.FolderLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.shard-I-of-N.json}: written (atomically) when shard I of N has gone through all its
 * inputs, so {@code merge} can tell a finished shard from a running or killed one and check completeness.
 * Removed when a run of the shard starts.
 */
final class ShardManifest {
	/** An input that could not be classified, and why. */
	static final class Failure {
		String image;
		String error;

		Failure(String image, String error) {
			this.image = image;
			this.error = error;
		}
	}

	int shard;
	int shards;
	/** Inputs of the whole run (every shard). */
	int inputs_total;
	/** SHA-256 of the sorted input keys of the whole run, one per line: equal in every shard of one run. */
	String inputs_sha256;
	String model_sha256;
	String settings;
	/** This shard's inputs (the CSV's image column values), in input order. */
	List<String> inputs = new ArrayList<>();
	List<Failure> failed = new ArrayList<>();

	static Path path(Path dir, Shard s) {
		return dir.resolve(s.baseName() + ".json");
	}

	void write(Path dir) throws IOException {
		Path p = dir.resolve("results.shard-" + shard + "-of-" + shards + ".json");
		byte[] bytes = ResultJson.GSON.toJson(this).getBytes(StandardCharsets.UTF_8);
		FolderLock.with(dir, () -> {
			AtomicFiles.write(p, bytes);
			return null;
		});
	}

	static void delete(Path dir, Shard s) throws IOException {
		FolderLock.with(dir, () -> Files.deleteIfExists(path(dir, s)));
	}

	/** Reads a manifest; IOException with a one-line reason when it is not one. */
	static ShardManifest read(Path p) throws IOException {
		try {
			ShardManifest m = ResultJson.GSON.fromJson(Files.readString(p, StandardCharsets.UTF_8), ShardManifest.class);
			if (m == null || m.inputs == null || m.model_sha256 == null || m.settings == null || m.inputs_sha256 == null) {
				throw new IOException(p + ": not a shard manifest (fields missing); rerun the shard with --resume");
			}
			if (m.failed == null) m.failed = new ArrayList<>();
			return m;
		} catch (JsonParseException e) {
			throw new IOException(p + ": not a shard manifest (" + Main.oneLine(e) + "); rerun the shard with --resume");
		}
	}
}
