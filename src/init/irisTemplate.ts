/**
 * The iris sample: a nearest-centroid classifier in plain python (no packages to install), so
 * `git aml run -c local train.py` works on any machine with python3. The data are the first ten samples
 * of each species in Fisher's iris data set (UCI Machine Learning Repository).
 */
const IRIS_CSV = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
4.9,3.0,1.4,0.2,setosa
4.7,3.2,1.3,0.2,setosa
4.6,3.1,1.5,0.2,setosa
5.0,3.6,1.4,0.2,setosa
5.4,3.9,1.7,0.4,setosa
4.6,3.4,1.4,0.3,setosa
5.0,3.4,1.5,0.2,setosa
4.4,2.9,1.4,0.2,setosa
4.9,3.1,1.5,0.1,setosa
7.0,3.2,4.7,1.4,versicolor
6.4,3.2,4.5,1.5,versicolor
6.9,3.1,4.9,1.5,versicolor
5.5,2.3,4.0,1.3,versicolor
6.5,2.8,4.6,1.5,versicolor
5.7,2.8,4.5,1.3,versicolor
6.3,3.3,4.7,1.6,versicolor
4.9,2.4,3.3,1.0,versicolor
6.6,2.9,4.6,1.3,versicolor
5.2,2.7,3.9,1.4,versicolor
6.3,3.3,6.0,2.5,virginica
5.8,2.7,5.1,1.9,virginica
7.1,3.0,5.9,2.1,virginica
6.3,2.9,5.6,1.8,virginica
6.5,3.0,5.8,2.2,virginica
7.6,3.0,6.6,2.1,virginica
4.9,2.5,4.5,1.7,virginica
7.3,2.9,6.3,1.8,virginica
6.7,2.5,5.8,1.8,virginica
7.2,3.6,6.1,2.5,virginica
`;

const TRAIN_PY = `"""Trains a nearest-centroid classifier on data/iris.csv with the standard library only.

Every third sample is held out for testing. The model goes to outputs/model.json (git aml stores outputs/
with the run) and the accuracy is logged as a metric through AML_METRICS_FILE when git aml runs the script.
"""
import csv
import json
import math
import os
import sys

def load(path):
    with open(path, newline="") as f:
        return [([float(r[k]) for k in ("sepal_length", "sepal_width", "petal_length", "petal_width")], r["species"]) for r in csv.DictReader(f)]

def centroids(rows):
    sums = {}
    for x, y in rows:
        s = sums.setdefault(y, [0.0] * len(x) + [0])
        for i, v in enumerate(x):
            s[i] += v
        s[-1] += 1
    return {y: [v / s[-1] for v in s[:-1]] for y, s in sums.items()}

def predict(model, x):
    return min(model, key=lambda y: math.dist(model[y], x))

def log_metric(name, value):
    path = os.environ.get("AML_METRICS_FILE")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"name": name, "value": value}) + "\\n")

def main():
    rows = load(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "iris.csv"))
    train = [r for i, r in enumerate(rows) if i % 3 != 2]
    test = [r for i, r in enumerate(rows) if i % 3 == 2]
    model = centroids(train)
    accuracy = sum(predict(model, x) == y for x, y in test) / len(test)
    print("python", sys.version.split()[0], "· trained on", len(train), "samples, tested on", len(test))
    print("accuracy", round(accuracy, 4))
    log_metric("accuracy", accuracy)
    os.makedirs("outputs", exist_ok=True)
    with open(os.path.join("outputs", "model.json"), "w") as f:
        json.dump({"centroids": model}, f, indent=2)

if __name__ == "__main__":
    main()
`;

export function irisFiles(name: string): Record<string, string> {
  return {
    'README.md': `# ${name}\n\nClassifies iris flowers by their nearest species centroid (python 3, no packages).\n\n` +
      '```\ngit aml run -c local train.py      # train, record the run with its accuracy and outputs/model.json\n' +
      'git aml history list\n```\n',
    'train.py': TRAIN_PY,
    'data/iris.csv': IRIS_CSV,
  };
}
