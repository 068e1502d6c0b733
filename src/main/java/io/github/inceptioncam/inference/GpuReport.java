package io.github.inceptioncam.inference;

import java.util.List;

/** The {@link GpuStatus} as report lines (used by Check GPU... and {@code gpu status}). */
public final class GpuReport {
	private GpuReport() {}

	public static List<String> lines() {
		return GpuStatus.collect().lines();
	}
}
