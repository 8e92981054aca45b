// Loaded with --require into Electronegativity. Its CSV report is written by two unordered asynchronous writes
// (dist/util/file.js, writeIssues: the header with flag 'w', the rows with flag 'a'), so on a busy machine the
// header's truncating write can land after the rows and overwrite the first of them: a row with no file column
// failed two full runs. Here each fs.writeFile is done at once, in call order, and its callback still comes later.
const fs = require('node:fs');
fs.writeFile = (file, data, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  let error = null;
  try {
    fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
  } catch (e) {
    error = e;
  }
  if (done) process.nextTick(done, error);
};
