package io.github.inceptioncam.inference;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cheap check (file-system look-ups only, no native loading) of what ONNX Runtime's CUDA provider
 * needs: an NVIDIA driver and the CUDA 12 and cuDNN 9 libraries (Linux x64 and Windows x64, the platforms of
 * ONNX Runtime's GPU build). Computed once per JVM.
 */
public final class GpuProbe {
	/** Libraries the ORT 1.2x CUDA provider links against, by soname. */
	static final String[] CUDA_LIBS = {"libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12", "libcufft.so.11", "libcurand.so.10"};
	static final String[] CUDNN_LIBS = {"libcudnn.so.9"};
	static final String[] WINDOWS_LIBS = {"cudart64_12.dll", "cublas64_12.dll", "cublasLt64_12.dll", "cufft64_11.dll", "curand64_10.dll", "cudnn64_9.dll"};

	private static volatile GpuProbe cached;

	private final boolean driver;
	private final String driverInfo;
	private final List<String> missing;
	private final List<String> found;

	GpuProbe(boolean driver, String driverInfo, List<String> missing, List<String> found) {
		this.driver = driver;
		this.driverInfo = driverInfo;
		this.missing = missing;
		this.found = found;
	}

	/** The probe for this JVM, computed on first use. */
	public static GpuProbe get() {
		GpuProbe p = cached;
		if (p == null) {
			synchronized (GpuProbe.class) {
				if (cached == null) cached = probe(searchDirs(), Paths.get("/proc/driver/nvidia/version"));
				p = cached;
			}
		}
		return p;
	}

	static GpuProbe probe(List<Path> dirs, Path driverFile) {
		String platform = GpuPack.currentPlatform();
		if (platform.equals("win-x64")) return probeWindows(dirs);
		if (!platform.equals("linux-x64")) {
			return new GpuProbe(false, "ONNX Runtime has no GPU build for " + platform + " (only for linux-x64 and win-x64)", List.of(), List.of());
		}
		boolean driver = false;
		String info = null;
		if (Files.isReadable(driverFile)) {
			driver = true;
			try {
				info = Files.readAllLines(driverFile).stream().findFirst().orElse("").trim();
			} catch (Exception e) {
				info = driverFile.toString();
			}
		} else if (findLib(dirs, "libcuda.so.1") != null) {
			driver = true;
			info = "libcuda.so.1 at " + findLib(dirs, "libcuda.so.1");
		}
		List<String> missing = new ArrayList<>(), found = new ArrayList<>();
		for (String lib : concat(CUDA_LIBS, CUDNN_LIBS)) {
			Path p = findLib(dirs, lib);
			if (p == null) missing.add(lib);
			else found.add(p.toString());
		}
		return new GpuProbe(driver, info, missing, found);
	}

	/** Windows: the driver's nvcuda.dll and the CUDA 12 / cuDNN 9 DLLs on PATH (or CUDA_PATH/bin). */
	private static GpuProbe probeWindows(List<Path> ignored) {
		Set<String> dirs = new LinkedHashSet<>();
		String path = System.getenv("PATH");
		if (path != null) for (String s : path.split(File.pathSeparator)) if (!s.isEmpty()) dirs.add(s);
		String cuda = System.getenv("CUDA_PATH");
		if (cuda != null) dirs.add(cuda + "\\bin");
		String root = System.getenv("SystemRoot");
		dirs.add((root == null ? "C:\\Windows" : root) + "\\System32");
		List<Path> ds = new ArrayList<>();
		for (String d : dirs) {
			try {
				ds.add(Paths.get(d));
			} catch (RuntimeException e) {
				// not a path
			}
		}
		Path nvcuda = findLib(ds, "nvcuda.dll");
		List<String> missing = new ArrayList<>(), found = new ArrayList<>();
		for (String lib : WINDOWS_LIBS) {
			Path p = findLib(ds, lib);
			if (p == null) missing.add(lib);
			else found.add(p.toString());
		}
		return new GpuProbe(nvcuda != null, nvcuda == null ? null : "nvcuda.dll at " + nvcuda, missing, found);
	}

	private static String[] concat(String[] a, String[] b) {
		String[] out = new String[a.length + b.length];
		System.arraycopy(a, 0, out, 0, a.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	static Path findLib(List<Path> dirs, String name) {
		for (Path d : dirs) {
			Path p = d.resolve(name);
			if (Files.exists(p)) return p;
		}
		return null;
	}

	/** LD_LIBRARY_PATH, java.library.path, CUDA_HOME/CUDA_PATH, the usual system and CUDA folders. */
	static List<Path> searchDirs() {
		Set<String> dirs = new LinkedHashSet<>();
		for (String var : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
			if (var != null) for (String s : var.split(File.pathSeparator)) if (!s.isEmpty()) dirs.add(s);
		}
		for (String home : new String[] {System.getenv("CUDA_HOME"), System.getenv("CUDA_PATH")}) {
			if (home != null) {
				dirs.add(home + "/lib64");
				dirs.add(home + "/lib");
			}
		}
		dirs.add("/usr/local/cuda/lib64");
		dirs.add("/usr/local/cuda-12/lib64");
		for (int minor = 9; minor >= 0; minor--) dirs.add("/usr/local/cuda-12." + minor + "/lib64");
		dirs.add("/usr/lib/x86_64-linux-gnu");
		dirs.add("/usr/lib64");
		dirs.add("/usr/lib");
		dirs.add("/lib/x86_64-linux-gnu");
		dirs.add("/usr/lib/wsl/lib");
		List<Path> out = new ArrayList<>();
		for (String d : dirs) out.add(Paths.get(d));
		return out;
	}

	/** Whether the driver and every needed library were found. */
	public boolean usable() {
		return driver && missing.isEmpty();
	}

	public boolean driverFound() {
		return driver;
	}

	public String driverInfo() {
		return driverInfo;
	}

	public List<String> missingLibraries() {
		return missing;
	}

	public List<String> foundLibraries() {
		return found;
	}

	/** One phrase: why the GPU cannot be used, or what was found. */
	public String reason() {
		if (!driver) {
			if (driverInfo != null) return driverInfo;
			String none = GpuPack.currentPlatform().startsWith("win") ? "no NVIDIA driver found (nvcuda.dll absent)"
				: "no NVIDIA driver found (/proc/driver/nvidia/version and libcuda.so.1 absent)";
			return missing.isEmpty() ? none : none + " and missing " + String.join(", ", missing) + " (CUDA 12 / cuDNN 9)";
		}
		if (!missing.isEmpty()) return "NVIDIA driver found but missing " + String.join(", ", missing) + " (ONNX Runtime's CUDA provider needs CUDA 12 and cuDNN 9 on the " + (GpuPack.currentPlatform().startsWith("win") ? "PATH" : "library path") + ")";
		return "NVIDIA driver (" + driverInfo + ") and CUDA 12 / cuDNN 9 libraries found";
	}
}
