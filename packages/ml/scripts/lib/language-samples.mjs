// Sentences in languages other than Chinese and English, written for this project to test that
// language detection does not call them "en" or "zh": product-review style, Latin-script languages
// (where script alone cannot tell), Japanese with and without much kana, Korean, Russian.
export const OTHER_LANGUAGE_SAMPLES = [
  // French
  ["fr", "Très bon produit, la batterie tient toute la journée."],
  ["fr", "Livraison rapide mais l'emballage était abîmé."],
  ["fr", "Je recommande ce vendeur, service client très réactif."],
  ["fr", "La taille est un peu petite, prenez une taille au-dessus."],
  ["fr", "Produit conforme a la description, rien a redire"],
  ["fr", "Le son est clair et puissant pour le prix"],
  ["fr", "Qualite mediocre, il s'est casse apres une semaine"],
  ["fr", "Tissu agreable et couleur fidele aux photos"],
  // German
  ["de", "Sehr gutes Produkt, der Akku hält lange."],
  ["de", "Lieferung war schnell, aber die Verpackung war beschädigt."],
  ["de", "Die Größe passt nicht, leider zu klein."],
  ["de", "Preis Leistung ist super, gerne wieder"],
  ["de", "Der Bildschirm ist hell und scharf"],
  ["de", "Schlechte Qualitaet, nach zwei Tagen kaputt"],
  ["de", "Der Stoff fuehlt sich weich an und die Naehte sind sauber"],
  ["de", "Kundenservice hat nie geantwortet"],
  // Spanish
  ["es", "Muy buen producto, lo recomiendo totalmente."],
  ["es", "El envío tardó mucho y la caja llegó rota."],
  ["es", "La batería dura muy poco, no vale la pena."],
  ["es", "Calidad precio excelente, volveria a comprar"],
  ["es", "La talla es mas grande de lo esperado"],
  ["es", "El sonido es bueno pero el bluetooth se corta"],
  ["es", "Llego a tiempo y bien empaquetado"],
  ["es", "No funciona, quiero un reembolso"],
  // Italian
  ["it", "Prodotto ottimo, consegna veloce e imballaggio curato."],
  ["it", "La qualità è pessima, si è rotto subito."],
  ["it", "Taglia giusta e tessuto morbido"],
  ["it", "Il prezzo e buono ma la batteria dura poco"],
  // Portuguese
  ["pt", "Produto muito bom, chegou antes do prazo."],
  ["pt", "A qualidade é ruim e o tamanho veio errado."],
  ["pt", "Otimo custo beneficio, recomendo a todos"],
  ["pt", "A tela e muito bonita e a bateria dura bastante"],
  // Dutch
  ["nl", "Goed product, snelle levering en mooie verpakking."],
  ["nl", "De batterij gaat niet lang mee, jammer."],
  ["nl", "Prima kwaliteit voor deze prijs"],
  ["nl", "Het formaat is kleiner dan verwacht"],
  // Japanese (kana-rich and kanji-heavy)
  ["ja", "この商品はとても良いです。また買いたいです。"],
  ["ja", "配送が早くて助かりました"],
  ["ja", "電池の持ちが悪いので残念です"],
  ["ja", "画面が綺麗で操作も簡単です"],
  ["ja", "品質良好、価格相応、梱包丁寧、配送迅速。満足です"],
  ["ja", "電池持続時間長、画面鮮明、音質良好。お勧めします"],
  // Korean
  ["ko", "배송이 빠르고 품질도 좋아요"],
  ["ko", "배터리가 오래 가서 만족합니다"],
  ["ko", "사이즈가 작아서 반품했어요"],
  ["ko", "가격 대비 성능이 훌륭합니다"],
  // Russian
  ["ru", "Отличный товар, рекомендую"],
  ["ru", "Доставка быстрая, упаковка целая"],
  ["ru", "Качество плохое, сломался через неделю"],
  ["ru", "Размер подошёл, ткань приятная"],
];
