package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.inceptioncam.image.AtomicFiles;
import io.github.inceptioncam.image.FolderLock;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.SettingsKey;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.inference.Classification;
import ij.measure.ResultsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Classifies every file of a folder matching a glob pattern and writes, image by image, the results CSV
 * rows, the annotated TIFF (the overlay travels inside ImageJ's TIFF) and optionally the CAM TIFF. A bad
 * file is logged and skipped; a cancel keeps everything written; each TIFF is written to a temporary name and
 * renamed, before the image's rows are appended. Images whose complete rows of the same settings (model
 * SHA-256, top, class, preprocessing, all slices) are in the CSV with their TIFF are skipped, so an interrupted
 * run resumes where it stopped; rows of other settings, or cut short, are dropped and their images redone.
 */
public final class FolderClassifier {
	public static final String CSV = "results.csv";
	/** One row per file that could not be classified: image, error. */
	public static final String ERRORS_CSV = "errors.csv";
	/** The on-screen table of a batch: its summary (the rows are in the CSV). */
	public static final String SUMMARY_TABLE = "Inception CAM batch";

	/** Counts of a run. */
	public static final class Summary {
		public int files;
		public int done;
		public int skipped;
		public int failed;
		public boolean canceled;
		public double seconds;
		public Path output;

		@Override
		public String toString() {
			return done + " classified, " + skipped + " already done, " + failed + " failed" + (canceled ? " (canceled)" : "")
				+ String.format(Locale.ROOT, " of %d files in %.1f s", files, seconds)
				+ (failed > 0 && output != null ? "; errors in " + output.resolve(ERRORS_CSV) : "");
		}

		/** The summary as a one-row table (files, done, failed, skipped, time_s, canceled, results, errors). */
		public ResultsTable table() {
			ResultsTable rt = new ResultsTable();
			rt.incrementCounter();
			rt.addValue("files", files);
			rt.addValue("done", done);
			rt.addValue("failed", failed);
			rt.addValue("skipped", skipped);
			rt.addValue("time_s", seconds);
			rt.addValue("canceled", canceled ? "yes" : "no");
			rt.addValue("results", output == null ? "" : output.resolve(CSV).toString());
			rt.addValue("errors", failed == 0 || output == null ? "" : output.resolve(ERRORS_CSV).toString());
			return rt;
		}
	}

	private final ImageClassifier.Settings settings;
	private final BiConsumer<Integer, Integer> progress;
	private final Consumer<String> status;
	private final Consumer<String> warn;
	private final BooleanSupplier canceled;

	public FolderClassifier(ImageClassifier.Settings settings, BiConsumer<Integer, Integer> progress, Consumer<String> status,
			Consumer<String> warn, BooleanSupplier canceled) {
		// the rows go to the CSV, not to the on-screen table
		this.settings = settings.copy();
		this.settings.showTable = false;
		// the saved TIFFs always carry the CAM box (CAM_Boxes_To_ROI_Manager.ijm reads it)
		this.settings.roi = true;
		this.progress = progress;
		this.status = status;
		this.warn = warn;
		this.canceled = canceled;
	}

	public Summary run(Path input, String pattern, Path output) throws ImageClassifier.Failure {
		if (input == null || !Files.isDirectory(input)) throw new ImageClassifier.Failure(input + ": not a folder; choose the folder with the images");
		if (output == null) throw new ImageClassifier.Failure("no output folder given");
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(input, pattern == null || pattern.isBlank() ? "*" : pattern)) {
			for (Path p : ds) if (Files.isRegularFile(p)) files.add(p);
			Files.createDirectories(output);
			FolderLock.with(output, () -> AtomicFiles.deleteStale(output));
			ResultsCsv.create(output.resolve(CSV));
		} catch (IOException | RuntimeException e) {
			throw new ImageClassifier.Failure(input + ": cannot list or write (" + e.getMessage() + ")");
		}
		Collections.sort(files);
		// one engine for the whole folder (fails early on a bad model)
		CamEngine engine = ImageClassifier.engine(settings, status);
		String key;
		try {
			key = SettingsKey.of(engine.model(), new ClassifyOptions().top(settings.top).classSpec(settings.classSpec),
				settings.allSlices ? "slices all" : "");
		} catch (IllegalArgumentException e) {
			throw new ImageClassifier.Failure(e.getMessage());
		}
		String sha256 = engine.model().sha256();
		Set<String> done;
		try {
			List<String> names = new ArrayList<>();
			for (Path f : files) names.add(f.getFileName().toString());
			// rows of these files made with other settings, or cut short, are dropped and the files redone
			done = ResultsCsv.prepare(output.resolve(CSV), names, key).done;
		} catch (IOException e) {
			throw new ImageClassifier.Failure(output.resolve(CSV) + ": cannot be read (" + e.getMessage() + ")");
		}
		Summary sum = new Summary();
		sum.files = files.size();
		sum.output = output;
		long t0 = System.nanoTime();
		for (int i = 0; i < files.size(); i++) {
			if (canceled.getAsBoolean()) {
				sum.canceled = true;
				break;
			}
			Path f = files.get(i);
			progress.accept(i, files.size());
			String name = f.getFileName().toString();
			status.accept((i + 1) + "/" + files.size() + " " + name);
			Path annotated = output.resolve(ImageFiles.baseName(name) + ".tif");
			if (done.contains(name) && Files.exists(annotated)) {
				sum.skipped++;
				continue;
			}
			ImagePlus imp = null;
			try {
				ImageFiles.checkWholeSize(f);
				imp = ImageFiles.open(f);
				imp.setTitle(name);
				ImageClassifier.Outcome out = new ImageClassifier(settings, x -> { }, warn, canceled).run(imp);
				ImagePlus annotatedImp = imp;
				AtomicFiles.write(annotated, tmp -> {
					if (!new FileSaver(annotatedImp).saveAsTiff(tmp.toString())) throw new IOException("cannot save " + annotated);
				});
				if (out.camImage != null) {
					AtomicFiles.write(output.resolve(ImageFiles.baseName(name) + "_cam.tif"), tmp -> {
						if (!new FileSaver(out.camImage).saveAsTiff(tmp.toString())) throw new IOException("cannot save the CAM of " + name);
					});
				}
				StringBuilder rows = new StringBuilder();
				for (Classification c : out.results) rows.append(ResultsCsv.rows(c, sha256, key));
				ResultsCsv.appendRows(output.resolve(CSV), rows.toString());
				sum.done++;
				if (out.camImage != null) out.camImage.flush();
			} catch (IOException | ImageClassifier.Failure | RuntimeException | OutOfMemoryError e) {
				// one file never stops the batch: the error goes to the log and to errors.csv
				String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
				warn.accept("Inception CAM: " + f + ": " + msg + " (skipped)");
				sum.failed++;
				try {
					Path errors = output.resolve(ERRORS_CSV);
					String row = csv(name) + "," + csv(msg.replace('\n', ' ')) + "\n";
					FolderLock.with(output, () -> {
						if (!Files.exists(errors)) Files.write(errors, "image,error\n".getBytes(StandardCharsets.UTF_8));
						return Files.write(errors, row.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
					});
				} catch (IOException ioe) {
					warn.accept("Inception CAM: cannot write " + output.resolve(ERRORS_CSV) + ": " + ioe.getMessage());
				}
			} finally {
				if (imp != null) imp.flush();
			}
		}
		sum.seconds = (System.nanoTime() - t0) / 1e9;
		progress.accept(files.size(), files.size());
		return sum;
	}

	private static String csv(String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}

}
