package io.github.inceptioncam.inference;

import java.util.ArrayList;
import java.util.List;

/** What {@code --device auto} would pick and why, as report lines (used by Check GPU...). */
public final class GpuReport {
	private GpuReport() {}

	public static List<String> lines() {
		GpuProbe p = GpuProbe.get();
		List<String> out = new ArrayList<>();
		out.add("NVIDIA driver: " + (p.driverFound() ? "found (" + p.driverInfo() + ")" : "not found"));
		out.add("CUDA 12 / cuDNN 9 libraries: " + (p.missingLibraries().isEmpty() ? "all found" : "missing " + String.join(", ", p.missingLibraries())));
		for (String f : p.foundLibraries()) out.add("  found " + f);
		String pick;
		if (p.usable()) {
			String err = DeviceSelector.tryCuda();
			out.add("CUDA provider: " + (err == null ? "loads" : "does not load: " + err));
			pick = err == null ? "gpu:0" : "cpu";
		} else {
			out.add("CUDA provider: not tried (" + p.reason() + ")");
			pick = "cpu";
		}
		out.add("ONNX Runtime: " + OrtRuntime.version());
		out.add("device auto would use: " + pick);
		return out;
	}
}
