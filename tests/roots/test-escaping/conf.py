project = "Échappement"
author = "Camille Martin"
language = "fr"
extensions = ["sphinx_blog_fr"]
html_theme = "furo"
blog_baseurl = "https://essai.example/"
