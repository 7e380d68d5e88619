"""Learned conduct classifiers: trained on the gold corpus, loaded from ``models/trained/``.

    base.py         LearnedClassifier: labels from probabilities, coverage policy, clause evidence
    registry.py     where weights live, versions (data hash + hyper-parameters)
    linear.py       TF-IDF + logistic regressions
    hybrid.py       the linear model stacked on the rules' reading
    ensemble.py     the rules' labels corrected by the linear model's calibrated probabilities
    calibrate.py    Platt scaling per conduct on out-of-country predictions
    folds.py        stratified folds of whole jurisdictions (inner CV here, grouped k-fold in evaluation)
    transformer.py  fine-tuned MiniLM
    training.py     train(name): gold (+ reviews) -> fit -> save
"""
