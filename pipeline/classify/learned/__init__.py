"""Learned conduct classifiers: trained on the gold corpus, loaded from ``models/trained/``.

    base.py         LearnedClassifier: labels from probabilities, coverage policy, clause evidence
    registry.py     where weights live, versions (data hash + hyper-parameters)
    linear.py       TF-IDF + logistic regressions
    hybrid.py       the linear model stacked on the rules' reading
    transformer.py  fine-tuned MiniLM
    training.py     train(name): gold (+ reviews) -> fit -> save
"""
