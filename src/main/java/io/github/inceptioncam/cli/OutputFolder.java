package io.github.inceptioncam.cli;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The {@code --out} folder: results.csv appended per image, a JSON file and a CAM TIFF per image. */
final class OutputFolder {
	static final String CSV_HEADER = "image,rank,index,label,probability,logit,device,cam_label,bbox_x,bbox_y,bbox_w,bbox_h,identity_error";
	private final Path dir;
	private final Path csv;

	private OutputFolder(Path dir) {
		this.dir = dir;
		this.csv = dir.resolve("results.csv");
	}

	static OutputFolder open(Path dir) throws IOException {
		Files.createDirectories(dir);
		OutputFolder f = new OutputFolder(dir);
		if (!Files.exists(f.csv)) Files.write(f.csv, (CSV_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
		return f;
	}

	void write(Classification c, InceptionModel model, ImagePlus source) throws IOException {
		String base = baseName(c.image());
		Files.write(dir.resolve(base + ".json"), ResultJson.GSON.toJson(ResultJson.of(c, model)).getBytes(StandardCharsets.UTF_8));
		CamResult cam = c.cam();
		if (cam != null) {
			double[] up = cam.upsampled();
			float[] px = new float[up.length];
			for (int i = 0; i < px.length; i++) px[i] = (float) up[i];
			ImagePlus camImp = new ImagePlus(base + "_cam", new FloatProcessor(cam.imageWidth(), cam.imageHeight(), px));
			camImp.setCalibration(source.getCalibration().copy());
			camImp.setProperty("Info", "CAM of class " + cam.classIndex() + " (" + cam.label() + "), raw values, model sha256 " + model.sha256());
			if (!new FileSaver(camImp).saveAsTiff(dir.resolve(base + "_cam.tif").toString())) {
				throw new IOException("could not save " + base + "_cam.tif");
			}
		}
		StringBuilder sb = new StringBuilder();
		int rank = 1;
		for (Prediction p : c.top()) {
			sb.append(csv(c.image())).append(',').append(rank++).append(',').append(p.index()).append(',').append(csv(p.label()))
				.append(',').append(fmt(p.probability())).append(',').append(fmt(p.logit())).append(',').append(c.device());
			if (cam != null) {
				int[] b = cam.box();
				sb.append(',').append(csv(cam.label()));
				for (int i = 0; i < 4; i++) sb.append(',').append(b == null ? "" : String.valueOf(b[i]));
				sb.append(',').append(fmt(cam.identityError()));
			} else {
				sb.append(",,,,,,");
			}
			sb.append('\n');
		}
		try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
			w.write(sb.toString());
		}
	}

	static String baseName(String image) {
		String n = Path.of(image).getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	private static String fmt(double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : "";
	}

	private static String csv(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
