package io.github.inceptioncam.cli;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.io.FileSaver;
import io.github.inceptioncam.image.AtomicFiles;
import io.github.inceptioncam.image.FolderLock;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.imagej.CamAnnotator;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --out} folder: a results CSV appended per image (results.csv, or results.shard-I-of-N.csv), and
 * per image a JSON file and a CAM TIFF, each written to a temporary name and renamed into place before the
 * image's rows are appended: a row always has its files.
 */
final class OutputFolder {
	private final Path dir;
	private final Path csv;
	private final String settings;

	private OutputFolder(Path dir, Path csv, String settings) {
		this.dir = dir;
		this.csv = csv;
		this.settings = settings;
	}

	/** Opens (creates) the folder and its CSV {@code csvName}; deletes temporary files left by killed runs. */
	static OutputFolder open(Path dir, String csvName, String settings) throws IOException {
		Files.createDirectories(dir);
		FolderLock.with(dir, () -> AtomicFiles.deleteStale(dir));
		OutputFolder f = new OutputFolder(dir, dir.resolve(csvName), settings);
		ResultsCsv.create(f.csv);
		return f;
	}

	Path csv() {
		return csv;
	}

	String settings() {
		return settings;
	}

	/** Writes one image's JSON file and CAM TIFF ({@code calibration} as the image's), then appends its CSV rows. */
	void write(Classification c, InceptionModel model, Calibration calibration) throws IOException {
		write(c, model, calibration, ResultJson.GSON.toJson(ResultJson.of(c, model)));
	}

	/** As {@link #write(Classification, InceptionModel, Calibration)}, with the image's JSON line already made. */
	void write(Classification c, InceptionModel model, Calibration calibration, String json) throws IOException {
		String base = ImageFiles.baseName(c.image());
		AtomicFiles.write(dir.resolve(base + ".json"), json.getBytes(StandardCharsets.UTF_8));
		CamResult cam = c.cam();
		if (cam != null) {
			ImagePlus camImp = CamAnnotator.camImage(cam, calibration, base + "_cam");
			camImp.setProperty("Info", "CAM of class " + cam.classIndex() + " (" + cam.label() + "), raw values, model sha256 " + model.sha256());
			AtomicFiles.write(dir.resolve(base + "_cam.tif"), tmp -> {
				if (!new FileSaver(camImp).saveAsTiff(tmp.toString())) throw new IOException("could not save " + base + "_cam.tif");
			});
		}
		ResultsCsv.append(csv, c, model.sha256(), settings);
	}
}
