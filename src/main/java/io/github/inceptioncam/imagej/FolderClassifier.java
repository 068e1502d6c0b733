package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.inference.Classification;
import java.io.IOException;
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
 * file is logged and skipped; a cancel keeps everything written; images already in the CSV with their
 * TIFF are skipped, so an interrupted run resumes where it stopped.
 */
public final class FolderClassifier {
	public static final String CSV = "results.csv";

	/** Counts of a run. */
	public static final class Summary {
		public int done;
		public int skipped;
		public int failed;
		public boolean canceled;

		@Override
		public String toString() {
			return done + " classified, " + skipped + " already done, " + failed + " failed" + (canceled ? " (canceled)" : "");
		}
	}

	private final ImageClassifier.Settings settings;
	private final BiConsumer<Integer, Integer> progress;
	private final Consumer<String> status;
	private final Consumer<String> warn;
	private final BooleanSupplier canceled;

	public FolderClassifier(ImageClassifier.Settings settings, BiConsumer<Integer, Integer> progress, Consumer<String> status,
			Consumer<String> warn, BooleanSupplier canceled) {
		this.settings = settings;
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
			ResultsCsv.create(output.resolve(CSV));
		} catch (IOException | RuntimeException e) {
			throw new ImageClassifier.Failure(input + ": cannot list or write (" + e.getMessage() + ")");
		}
		Collections.sort(files);
		Set<String> done;
		try {
			done = ResultsCsv.images(output.resolve(CSV));
		} catch (IOException e) {
			throw new ImageClassifier.Failure(output.resolve(CSV) + ": cannot be read (" + e.getMessage() + ")");
		}
		// one engine for the whole folder (fails early on a bad model)
		ImageClassifier.engine(settings, status);
		Summary sum = new Summary();
		for (int i = 0; i < files.size(); i++) {
			if (canceled.getAsBoolean()) {
				sum.canceled = true;
				break;
			}
			Path f = files.get(i);
			progress.accept(i, files.size());
			String name = f.getFileName().toString();
			Path annotated = output.resolve(ImageFiles.baseName(name) + ".tif");
			if (done.contains(name) && Files.exists(annotated)) {
				sum.skipped++;
				continue;
			}
			try {
				ImagePlus imp = ImageFiles.open(f);
				imp.setTitle(name);
				ImageClassifier.Outcome out = new ImageClassifier(settings, status, warn, canceled).run(imp);
				if (!new FileSaver(imp).saveAsTiff(annotated.toString())) throw new IOException("cannot save " + annotated);
				if (out.camImage != null && !new FileSaver(out.camImage).saveAsTiff(output.resolve(ImageFiles.baseName(name) + "_cam.tif").toString())) {
					throw new IOException("cannot save the CAM of " + name);
				}
				for (Classification c : out.results) ResultsCsv.append(output.resolve(CSV), c);
				sum.done++;
			} catch (IOException | ImageClassifier.Failure | RuntimeException e) {
				warn.accept("Inception CAM: " + f + ": " + e.getMessage() + " (skipped)");
				sum.failed++;
			}
		}
		progress.accept(files.size(), files.size());
		return sum;
	}

}
