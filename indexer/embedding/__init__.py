"""Embedding: texts -> vectors, and the FAISS index over section vectors.

In: section texts / a query. Out: float32 vectors (`embed`) and nearest sections (`vectors`,
derived from the store's `vectors` table and rebuilt when stale).
"""
