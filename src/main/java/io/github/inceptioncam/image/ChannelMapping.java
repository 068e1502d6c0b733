package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.ImageInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which image channel feeds each model input channel: {@code auto}, or a list such as {@code 2,1,1}
 * (1-based image channels, one per model channel). {@code auto}: equal counts map in order; a
 * one-channel model takes the current channel; a one-channel image feeds every model channel; an RGB
 * image gives R, G, B to an RGB model and their mean to a one-channel model; otherwise the image's
 * first channels map in order and a model channel without an image channel is zero.
 */
public final class ChannelMapping {
	/** 0-based image channel per model channel; -1 a zero channel; null: the input as it is (RGB to grey). */
	private final int[] source;
	private final int imageChannels;
	private final String spec;

	private ChannelMapping(int[] source, int imageChannels, String spec) {
		this.source = source;
		this.imageChannels = imageChannels;
		this.spec = spec;
	}

	/** A valid spec ({@code auto} or a comma list of positive whole numbers), normalised; anything else fails with one line. */
	public static String check(String spec) {
		String s = spec == null || spec.isBlank() ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
		if (s.equals("auto")) return s;
		parse(s);
		return s.replace(" ", "");
	}

	private static int[] parse(String s) {
		String[] parts = s.split(",");
		int[] out = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Integer.parseInt(parts[i].trim());
			} catch (NumberFormatException e) {
				out[i] = 0;
			}
			if (out[i] < 1) throw new IllegalArgumentException("channels=" + s + " is not auto or a list of image channels counted from 1, such as 2,1,1");
		}
		return out;
	}

	/**
	 * The mapping for an image with {@code imageChannels} channels (an RGB image: 3, {@code rgb} true),
	 * a model with {@code modelChannels}, the image's current channel {@code current} (0-based).
	 */
	public static ChannelMapping resolve(String spec, int imageChannels, int modelChannels, int current, boolean rgb) {
		String s = check(spec);
		if (!s.equals("auto")) {
			int[] p = parse(s);
			if (p.length != modelChannels) {
				throw new IllegalArgumentException("channels=" + s + " names " + p.length + " channel(s) but the model takes " + modelChannels
					+ ": give " + modelChannels + " image channel(s), or auto");
			}
			int[] src = new int[p.length];
			for (int i = 0; i < p.length; i++) {
				if (p[i] > imageChannels) {
					throw new IllegalArgumentException("channels=" + s + ": the image has " + imageChannels + " channel(s), so there is no channel " + p[i]);
				}
				src[i] = p[i] - 1;
			}
			return new ChannelMapping(src, imageChannels, s);
		}
		int[] src = new int[modelChannels];
		if (imageChannels == modelChannels) {
			for (int i = 0; i < src.length; i++) src[i] = i;
		} else if (modelChannels == 1) {
			if (rgb) return new ChannelMapping(null, imageChannels, s);
			src[0] = Math.max(0, Math.min(imageChannels - 1, current));
		} else if (imageChannels == 1) {
			Arrays.fill(src, 0);
		} else {
			for (int i = 0; i < src.length; i++) src[i] = i < imageChannels ? i : -1;
		}
		return new ChannelMapping(src, imageChannels, s);
	}

	/** The image channels used, 0-based, in increasing order (all of them for an RGB image fed as grey). */
	public List<Integer> used() {
		TreeSet<Integer> u = new TreeSet<>();
		if (source == null) for (int c = 0; c < imageChannels; c++) u.add(c);
		else for (int c : source) if (c >= 0) u.add(c);
		return new ArrayList<>(u);
	}

	/** The image channel (1-based, 0 for zero) per model channel as a list like {@code 2,1,1}; {@code mean} for RGB to grey. */
	public String describe() {
		if (source == null) return "mean";
		StringBuilder b = new StringBuilder();
		for (int c : source) b.append(b.length() == 0 ? "" : ",").append(c + 1);
		return b.toString();
	}

	/** A warning when the image has channels the model does not see, or feeds a model channel nothing; else null. */
	public String warning() {
		List<Integer> used = used();
		StringBuilder w = new StringBuilder();
		if (used.size() < imageChannels) {
			List<Integer> shown = new ArrayList<>();
			for (int c : used) shown.add(c + 1);
			w.append("the image has ").append(imageChannels).append(" channels; the model uses ").append(used.size() == 1 ? "channel " : "channels ")
				.append(shown.toString().replaceAll("[\\[\\] ]", "")).append(" (channels=").append(spec)
				.append("), the others are ignored: set channels= to choose");
		}
		if (source != null) {
			for (int c : source) {
				if (c < 0) {
					if (w.length() > 0) w.append("; ");
					w.append("the image has ").append(imageChannels).append(" channels for ").append(source.length)
						.append(" model channels: the missing ones are zero (channels=").append(describe().replace(",0", ",zero").replace("0,", "zero,")).append(")");
					break;
				}
			}
		}
		return w.length() == 0 ? null : w.toString();
	}

	/** The input with exactly the model's channels, in order (the planes are shared, not copied). */
	public ImageInput apply(ImageInput in) {
		if (source == null) return in;
		List<float[]> planes = new ArrayList<>(source.length);
		float[] zero = null;
		for (int c : source) {
			if (c >= 0) {
				planes.add(in.plane(c));
			} else {
				if (zero == null) zero = new float[in.width() * in.height()];
				planes.add(zero);
			}
		}
		return new ImageInput(in.name(), in.width(), in.height(), in.bitDepth(), planes);
	}
}
