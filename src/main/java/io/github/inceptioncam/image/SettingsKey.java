package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The settings key of a result row: the first 16 hex digits of the SHA-256 of everything that decides a
 * row's values — the model's SHA-256, its labels, input size, channels, layout, scaling, mean, std and
 * preprocessing steps (after any --labels/--mean/--std override), top, the class selection, whether maps
 * are made and the box threshold. A resumed run redoes the rows whose key differs from its own.
 */
public final class SettingsKey {
	private SettingsKey() {}

	public static String of(InceptionModel model, ClassifyOptions opts) {
		return of(model.sha256(), model.metadata(), opts, "");
	}

	/** With {@code extra}: further settings of one front end that change its rows (e.g. Fiji's every-slice batch). */
	public static String of(InceptionModel model, ClassifyOptions opts, String extra) {
		return of(model.sha256(), model.metadata(), opts, extra);
	}

	static String of(String modelSha256, ModelMetadata m, ClassifyOptions opts, String extra) {
		String text = String.join("\n",
			"model " + modelSha256,
			"labels " + String.join("\u0001", m.labels()),
			"preprocessing " + m.preprocessingSummary(),
			"softmax " + m.softmaxOutput(),
			"top " + opts.top(),
			"class " + opts.classSpec(),
			"cam " + opts.cam(),
			"box " + opts.boxFraction())
			+ (extra.isEmpty() ? "" : "\n" + extra);
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			StringBuilder sb = new StringBuilder();
			for (int i = 0; i < 8; i++) sb.append(String.format(Locale.ROOT, "%02x", d[i] & 0xff));
			return sb.toString();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this Java", e);
		}
	}
}
