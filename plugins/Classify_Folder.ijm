// Inception CAM: classify every TIFF of a folder; save each image with its CAM overlay (ImageJ TIFF keeps
// overlays) and one results table (CSV) for the whole folder. Works in Fiji and in plain ImageJ 1.x.
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
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
setBatchMode(true);
list = getFileList(input);
n = 0;
for (i = 0; i < list.length; i++) {
	if (!endsWith(toLowerCase(list[i]), ".tif")) continue;
	open(input + list[i]);
	run("Classify Image...", "model=[" + model + "] top=3 class=auto device=auto opacity=0.5 colormap=Fire roi");
	saveAs("Tiff", output + list[i]);
	close();
	n++;
}
Table.save(output + "results.csv", "Inception CAM");
print("Inception CAM: classified " + n + " images into " + output);
