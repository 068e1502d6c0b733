// Inception CAM: classify every TIFF of a folder; save each image with its CAM overlay (ImageJ TIFF keeps
// overlays and their names) and one results.csv for the whole folder, in the same layout as the command
// line's --out CSV. A file that cannot be read is logged and listed in errors.csv; the others go on.
// Works in Fiji and in plain ImageJ 1.x.
// Interactive: asks for the folders. From the command line: the argument "input=DIR output=DIR [model=FILE]".
arg = getArgument();
input = ""; output = ""; model = "";
if (arg == "") {
	input = getDirectory("Folder with the images");
	output = getDirectory("Folder for the results");
} else {
	parts = split(arg, " ");
	for (i = 0; i < parts.length; i++) {
		kv = split(parts[i], "=");
		if (kv[0] == "input") input = kv[1];
		if (kv[0] == "output") output = kv[1];
		if (kv[0] == "model") model = kv[1];
	}
}
setBatchMode(true);
run("Batch Classify Folder...", "input=[" + input + "] pattern=*.tif output=[" + output + "] model=[" + model + "] top=3 class=auto device=auto opacity=0.5 colormap=Fire");
print("Inception CAM: results.csv, errors.csv (if any) and the annotated TIFFs are in " + output);
