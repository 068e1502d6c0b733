package io.github.inceptioncam.cli;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import ij.measure.Calibration;
import io.github.inceptioncam.image.ChannelMapping;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.NativeWindow;
import io.github.inceptioncam.image.PreparedInput;
import io.github.inceptioncam.image.Rescale;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.image.SettingsKey;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classify}: top classes and CAM of each input image. Files are read and decoded on a decoder
 * thread, a few batches ahead of the inference on this thread; results are printed and written on a
 * writer thread, in input order. At most a few batches of images are held at any time.
 */
@Command(name = "classify", description = "Classify images and compute the class activation map of the chosen class.")
final class ClassifyCommand implements Callable<Integer> {
	/** Batch size of {@code --batch auto} when there are several images. */
	static final int AUTO_BATCH = 8;

	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Number of classes to report (default: ${DEFAULT-VALUE}).")
	int top;

	@Option(names = "--class", paramLabel = "auto|INDEX|LABEL|topK|all|LIST", defaultValue = "auto",
		description = "Classes the maps explain: auto (top-1), an index, a label, topK (e.g. top3), all, or a comma list (default: auto).")
	String classSpec;

	@Option(names = "--batch", paramLabel = "auto|N", defaultValue = "auto",
		description = "Images per inference run; auto is " + AUTO_BATCH + " for several images, 1 for one (default: ${DEFAULT-VALUE}).")
	String batchSpec;

	@Option(names = "--decode-threads", paramLabel = "N", defaultValue = "1", hidden = true,
		description = "Threads reading images ahead of the inference; 0 reads them on the inference thread.")
	int decodeThreads;

	@Option(names = "--write-thread", paramLabel = "true|false", defaultValue = "true", arity = "1", hidden = true,
		description = "Print and write results on their own thread.")
	boolean writeThread;

	@Option(names = "--channels", paramLabel = "auto|LIST", defaultValue = "auto",
		description = "Image channel per model channel, counted from 1 (e.g. 2,1,1); auto: same count in order, a one-channel model the first channel, a grey image repeated (default: auto).")
	String channels;

	@Option(names = "--out", paramLabel = "DIR", description = "Also write results.csv (results.shard-I-of-N.csv with --shard), one JSON file and one 32-bit CAM TIFF per image here.")
	Path out;

	@Option(names = "--resume", description = "Complete the --out folder: skip inputs whose rows are there with the same model and settings, redo the others.")
	boolean resume;

	@Option(names = "--shard", paramLabel = "I/N", description = "Take only shard I of N (0 <= I < N) of the inputs, chosen by a hash of each input's relative path.")
	String shardSpec;

	@Option(names = "--inputs-from", paramLabel = "FILE", description = "Also take the image paths listed in FILE, one per line (# comments; relative to FILE's folder).")
	Path inputsFrom;

	@Option(names = "--json", description = "One JSON object per image per line on stdout.")
	boolean json;

	@Option(names = "--tiles", description = "Classify windows of the model's input size at native scale over each image (large images): a class per window, the windows' maps blended.")
	boolean tiles;

	@Option(names = "--stride", paramLabel = "PX", defaultValue = "0", description = "Pixels between windows with --tiles (default: half a tile).")
	int stride;

	@Parameters(arity = "0..*", paramLabel = "INPUT", description = "Image files or folders.")
	List<Path> inputs;

	@Override
	public Integer call() throws Exception {
		PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
		ClassifyOptions opts;
		EngineSettings choice;
		int requested;
		Shard shard;
		try {
			opts = new ClassifyOptions().top(top).classSpec(classSpec);
			choice = modelOptions.engineSettings();
			requested = parseBatch(batchSpec);
			if (decodeThreads < 0) throw new IllegalArgumentException("--decode-threads must be 0 or more");
			shard = shardSpec == null ? null : Shard.parse(shardSpec);
			if ((inputs == null || inputs.isEmpty()) && inputsFrom == null) {
				throw new IllegalArgumentException("no INPUT given; name image files or folders, or a list with --inputs-from FILE");
			}
			if (resume && out == null) throw new IllegalArgumentException("--resume completes an --out folder; add --out DIR");
			channels = ChannelMapping.check(channels);
			if (stride < 0) throw new IllegalArgumentException("--stride must be a number of pixels, at least 1");
			if (stride > 0 && !tiles) throw new IllegalArgumentException("--stride needs --tiles");
		} catch (IllegalArgumentException e) {
			stderr.println("error: " + e.getMessage());
			return Main.USAGE_OR_MODEL;
		}
		OrtRuntime.warmUpInBackground();
		InceptionModel model = modelOptions.load();
		if (json || out != null) model.prefetchSha256(); // shown in every JSON line: hash while the session opens
		CliSupport.checkClassSpec(model, classSpec);
		int tile = Math.min(model.metadata().inputWidth(), model.metadata().inputHeight());
		if (tiles && stride > tile) {
			stderr.println("error: --stride " + stride + " is larger than the tile (the model input, " + model.metadata().inputWidth() + "x"
				+ model.metadata().inputHeight() + "): windows would leave gaps; give at most " + tile);
			return Main.USAGE_OR_MODEL;
		}
		InputSet set;
		try {
			set = InputSet.of(inputs, inputsFrom);
		} catch (IOException e) {
			stderr.println("error: " + Main.oneLine(e));
			return Main.USAGE_OR_MODEL;
		}
		if (set.all.isEmpty()) {
			stderr.println("error: no image files in " + (inputs == null ? List.of() : inputs) + (inputsFrom == null ? "" : " or " + inputsFrom)
				+ "; give image files or folders with .tif/.png/.jpg files");
			return Main.USAGE_OR_MODEL;
		}
		List<InputSet.Input> mine = set.shard(shard);
		List<Path> files = new ArrayList<>(mine.size());
		List<String> names = new ArrayList<>(mine.size());
		for (InputSet.Input in : mine) {
			files.add(in.file);
			names.add(in.file.toString());
		}
		OutputFolder folder = null;
		if (out != null) {
			String settings = SettingsKey.of(model, opts, "channels " + channels + (tiles ? "\ntiles stride " + stride : ""));
			try {
				folder = OutputFolder.open(out, (shard == null ? "results" : shard.baseName()) + ".csv", settings);
				if (shard != null) ShardManifest.delete(out, shard);
				files = remaining(folder, files, names, settings, stderr);
			} catch (java.nio.file.FileSystemException e) {
				stderr.println("error: " + out + ": cannot write the output folder (" + why(e) + "); choose a folder you can write with --out");
				return Main.USAGE_OR_MODEL;
			} catch (IOException e) {
				stderr.println("error: " + Main.oneLine(e));
				return Main.USAGE_OR_MODEL;
			}
			if (files == null) return Main.USAGE_OR_MODEL;
		}
		if (shard != null) stderr.println("info: shard " + shard + ": " + mine.size() + " of " + set.all.size() + " inputs");
		// ImageJ prints its own messages about files it cannot open on System.out, in the middle of the
		// JSON lines; each such file already gets its one "error:" line, so those messages are dropped
		PrintStream systemOut = System.out;
		System.setOut(new PrintStream(OutputStream.nullOutputStream()));
		List<ShardManifest.Failure> failures = new ArrayList<>();
		int code;
		try {
			if (files.isEmpty()) {
				code = Main.OK;
			} else {
				int batch = requested > 0 ? requested : tiles ? AUTO_BATCH : Math.min(AUTO_BATCH, files.size());
				code = classify(files, batch, model, choice, opts, folder, stdout, stderr, failures);
			}
		} finally {
			System.setOut(systemOut);
		}
		if (shard != null && folder != null) {
			ShardManifest m = new ShardManifest();
			m.shard = shard.index;
			m.shards = shard.count;
			m.inputs_total = set.all.size();
			m.inputs_sha256 = set.fingerprint();
			m.model_sha256 = model.sha256();
			m.settings = folder.settings();
			m.inputs = names;
			m.failed = failures;
			m.write(out);
		}
		return code;
	}

	/**
	 * The files still to do in the --out folder: all of them when its CSV holds none of their rows; else, with
	 * --resume, those without complete rows of these settings (their stale rows dropped); without --resume,
	 * null after a one-line refusal.
	 */
	private List<Path> remaining(OutputFolder folder, List<Path> files, List<String> names, String settings, PrintWriter stderr) throws IOException {
		if (!resume) {
			java.util.Set<String> there = ResultsCsv.read(folder.csv()).images();
			int overlap = 0;
			for (String n : names) if (there.contains(n)) overlap++;
			if (overlap > 0) {
				stderr.println("error: " + folder.csv() + " already holds results for " + overlap + " of these " + names.size()
					+ " inputs; add --resume to skip those done with the same model and settings (and redo the rest), or choose another --out");
				return null;
			}
			return files;
		}
		ResultsCsv.Prepared p = ResultsCsv.prepare(folder.csv(), names, settings);
		List<Path> todo = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) if (!p.done.contains(names.get(i))) todo.add(files.get(i));
		stderr.println("info: resume: " + (files.size() - todo.size()) + " of " + files.size() + " inputs already done, " + todo.size() + " to do"
			+ (p.redo > 0 ? " (" + p.redo + " redone: other settings or incomplete rows)" : "")
			+ (p.damaged > 0 ? " (" + p.damaged + " damaged line(s) dropped)" : ""));
		return todo;
	}

	/** What went wrong with a file, in words (no exception class names). */
	static String why(java.nio.file.FileSystemException e) {
		String what = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
			: e instanceof java.nio.file.NotDirectoryException ? "not a folder"
			: e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
			: e instanceof java.nio.file.NoSuchFileException ? "no such folder"
			: e.getReason() != null ? e.getReason() : "cannot be written";
		return e.getFile() == null ? what : e.getFile() + ": " + what;
	}

	private int classify(List<Path> files, int batch, InceptionModel model, EngineSettings choice, ClassifyOptions opts,
			OutputFolder folder, PrintWriter stdout, PrintWriter stderr, List<ShardManifest.Failure> failures) throws Exception {
		try (CamEngine engine = CamEngine.load(model, choice, line -> stderr.println("info: " + line));
				CamSession session = engine.newSession(batch);
				ResultOutput output = new ResultOutput(json, out, model, folder, stdout, stderr, writeThread)) {
			if (tiles) {
				TiledClassify.run(files, stride, session, opts, model.metadata(), output);
				output.finish();
				return output.failed() ? Main.SOME_FAILED : Main.OK;
			}
			ReadAhead reader = new ReadAhead(files, decodeThreads, 2 * session.maxBatch());
			try {
				List<ReadAhead.Decoded> pending = new ArrayList<>(session.maxBatch());
				for (int i = 0; i < files.size(); i++) {
					ReadAhead.Decoded d = reader.next();
					if (d.error != null) {
						output.error(d.file.toString(), d.error);
					} else {
						pending.add(d);
						if (pending.size() == session.maxBatch()) runBatch(session, model.metadata(), opts, channels, pending, output, stderr);
					}
				}
				if (!pending.isEmpty()) runBatch(session, model.metadata(), opts, channels, pending, output, stderr);
			} finally {
				reader.close();
			}
			output.finish();
			failures.addAll(output.failures());
			return output.failed() ? Main.SOME_FAILED : Main.OK;
		}
	}

	/** "auto" is 0; otherwise a positive count. */
	static int parseBatch(String spec) {
		if (spec == null || spec.equalsIgnoreCase("auto")) return 0;
		int n;
		try {
			n = Integer.parseInt(spec.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--batch must be auto or a number, not '" + spec + "'");
		}
		if (n < 1) throw new IllegalArgumentException("--batch must be at least 1");
		return n;
	}

	/**
	 * Classifies one batch (then clears it) and hands its results to the output: each image's channels picked
	 * for the model, resampled to the model's pixel size when the model gives one and the image is calibrated
	 * ({@link Rescale}), the maps and boxes brought back to the image's pixels.
	 */
	private static void runBatch(CamSession session, ModelMetadata meta, ClassifyOptions opts, String channels, List<ReadAhead.Decoded> batch, ResultOutput output,
			PrintWriter stderr) throws InterruptedException {
		List<ImageInput> in = new ArrayList<>(batch.size());
		List<PreparedInput> prepared = new ArrayList<>(batch.size());
		List<JsonObject> extras = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			ReadAhead.Decoded d = batch.get(i);
			ImageInput raw = d.image.input();
			PreparedInput p;
			ChannelMapping map;
			try {
				map = ChannelMapping.resolve(channels, raw.channels(), meta.channels(), 0, raw.bitDepth() == 24);
				Rescale rescale = Rescale.decide(Rescale.pixelSize(d.image.calibration()), meta.pixelSize());
				p = PreparedInput.of(map.apply(raw), false, rescale, meta.inputWidth(), meta.inputHeight(), NativeWindow.Padding.REFLECT, 0);
				List<String> notes = new ArrayList<>();
				if (map.warning() != null) notes.add(map.warning());
				notes.addAll(p.notes());
				if (!notes.isEmpty()) {
					synchronized (stderr) {
						for (String note : notes) stderr.println("info: " + d.file + ": " + note);
						stderr.flush();
					}
				}
				extras.add(extra(map, rescale));
			} catch (IllegalArgumentException e) {
				output.error(d.file + ": " + Main.oneLine(e));
				batch.remove(i--);
				continue;
			}
			prepared.add(p);
			in.add(p.input());
		}
		if (batch.isEmpty()) return;
		List<Classification> results;
		try {
			results = session.classify(in, opts);
		} catch (InferenceException | IllegalArgumentException e) {
			for (ReadAhead.Decoded d : batch) output.error(d.file.toString(), Main.oneLine(e));
			batch.clear();
			return;
		}
		List<Classification> timed = new ArrayList<>(results.size());
		List<Calibration> cals = new ArrayList<>(results.size());
		for (int i = 0; i < results.size(); i++) {
			timed.add(prepared.get(i).place(results.get(i), opts.boxFraction()).withDecodeMs(batch.get(i).image.decodeMs()));
			cals.add(batch.get(i).image.calibration());
		}
		batch.clear();
		output.results(timed, cals, extras);
	}

	/** The JSON fields {@code channels} (image channel per model channel, like "2,1,1") and {@code rescale} (null without a model pixel size). */
	static JsonObject extra(ChannelMapping map, Rescale r) {
		JsonObject o = new JsonObject();
		o.addProperty("channels", map.describe());
		if (!r.known()) {
			o.add("rescale", JsonNull.INSTANCE);
		} else {
			JsonObject j = new JsonObject();
			j.add("image_pixel_size", ResultJson.num(r.imagePixelSize()));
			j.add("model_pixel_size", ResultJson.num(r.modelPixelSize()));
			j.addProperty("unit", "\u00b5m");
			j.add("factor", ResultJson.num(r.factor()));
			j.addProperty("applied", r.applies());
			o.add("rescale", j);
		}
		return o;
	}

}
