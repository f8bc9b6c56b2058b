// English product-review sentences WRITTEN FOR THIS PROJECT by its authors (not taken from any
// data set), to give the sentiment model some English coverage: there is no English review corpus
// in the shared data. Small (see ENGLISH_REVIEWS.length) and in our own style, so the accuracy
// measured on its held-out lines is only a sanity check, not a benchmark.
// label 1 = positive, 0 = negative.
const POSITIVE = `
Great phone, the battery easily lasts two days.
Absolutely love this jacket, it fits perfectly and keeps me warm.
The screen is bright and sharp, very happy with it.
Fast delivery and the package was well protected.
Excellent quality for the price, would buy again.
Works exactly as described, highly recommend.
The shampoo smells lovely and my hair feels soft.
Comfortable shoes, I wore them all day without any pain.
Sound quality is amazing for such small earbuds.
The hotel room was clean and the staff were friendly.
Setup took five minutes and everything just worked.
Really sturdy build, feels premium in the hand.
My kids love it, worth every penny.
The fruit arrived fresh and tasted sweet.
Beautiful color, even nicer than in the photos.
Best purchase I have made this year.
Charges quickly and stays cool.
The laptop is light, fast and the keyboard is a pleasure to type on.
Five stars, the seller answered all my questions quickly.
Very good value, does everything I need.
The fabric is soft and the stitching is neat.
Battery life is outstanding, I charge it once a week.
Easy to clean and looks great in my kitchen.
Picture quality is stunning, colors are vivid.
Arrived a day early and works flawlessly.
I am impressed by how quiet this fan is.
Perfect size, fits in my bag easily.
The book was gripping, I could not put it down.
Customer service replaced a missing part right away, great experience.
Solid product, no complaints at all.
Exceeded my expectations in every way.
Nice and warm, the water heater heats up in minutes.
The milk tastes fresh and creamy.
Lightweight and durable, perfect for travel.
Crisp camera, photos look professional.
Good fit, true to size, and the material breathes well.
Super easy to use, even my grandmother figured it out.
Reliable and well made, I would recommend it to friends.
Love the design, simple and elegant.
Smooth performance, apps open instantly.
Happy with this purchase, it does the job well.
The tablet is responsive and the display is gorgeous.
Great taste and reasonable price.
Well packaged, nothing broken, very satisfied.
The blender is powerful and surprisingly quiet.
It feels well made and the buttons have a nice click.
Wonderful stay, the bed was very comfortable.
Fantastic value, it performs like models twice the price.
Bought a second one as a gift, that is how much I like it.
Installation was simple and the instructions were clear.
Keeps drinks cold all day, exactly what I wanted.
The strap is comfortable and the watch looks classy.
Quick shipping, accurate description, happy customer.
Works perfectly with my phone, connection is stable.
The pillow is soft yet supportive, I sleep much better.
Really pleased, the quality is excellent.
Brilliant little gadget, very handy.
Nice smell, gentle on my skin, no irritation.
This vacuum picks up everything, very effective.
Runs all my games smoothly, great machine.
Top quality, looks and feels expensive.
Delivery was prompt and the courier was polite.
The dress is gorgeous and I got lots of compliments.
Highly satisfied, it works better than I hoped.
Good product, good price, good service.
I use it every day and it still works like new.
Awesome speaker, the bass is deep and clear.
The charger is compact and charges fast, love it.
Very comfortable to wear for hours.
A pleasant surprise, much better than expected.
Recommended, the seller is trustworthy.
The coffee maker brews a delicious cup every morning.
Clear instructions and solid construction.
Not a single problem after three months of use.
The keyboard feels great and the backlight is nice.
The apples were crunchy and juicy.
Worth it, I am glad I chose this one.
Strong signal and the router covers the whole house.
Lovely soft towels that dry quickly.
Would definitely order from this shop again.
Thank you, exactly what I ordered and it works great.
`;

const NEGATIVE = `
Terrible battery, it dies before lunch.
The jacket ripped after one wash, very disappointed.
Screen has dead pixels, returning it.
Delivery took three weeks and the box was crushed.
Poor quality, it broke within a week.
Does not work as described, waste of money.
The shampoo made my scalp itchy and smells awful.
These shoes hurt my feet after ten minutes.
Sound is tinny and the earbuds keep disconnecting.
The hotel room was dirty and the staff were rude.
Setup was a nightmare and it still does not connect.
Flimsy plastic, feels cheap and wobbly.
My kids lost interest in a day, not worth the money.
The fruit arrived rotten and moldy.
The color looks nothing like the photos.
Worst purchase I have made this year.
It overheats while charging and charges very slowly.
The laptop is slow, loud and the keyboard is mushy.
One star, the seller never replied to my messages.
Overpriced and it cannot do the basics.
The fabric is scratchy and the seams are coming apart.
Battery drains overnight even when switched off.
Hard to clean and it already looks worn.
Picture is blurry and the colors are washed out.
Arrived late and stopped working after two days.
This fan is so loud I cannot sleep.
Much smaller than advertised, useless for me.
The book was boring, I gave up halfway.
Customer service ignored my complaint, awful experience.
Cheap junk, do not buy.
Failed to meet even the lowest expectations.
The water heater takes forever and the water is barely warm.
The milk tasted sour even before the expiry date.
Heavy and fragile, it cracked on my first trip.
The camera is grainy and photos look terrible.
Runs small, the material does not breathe and I sweat a lot.
Confusing to use and the manual is useless.
Unreliable, it freezes all the time, I regret buying it.
Ugly design, it looks much cheaper in person.
Laggy performance, apps crash constantly.
Not happy with this purchase, it barely works.
The tablet is unresponsive and the screen scratches easily.
Bland taste and far too expensive.
Badly packaged, half the items were broken.
The blender is weak and smells of burning.
The buttons stick and the casing has sharp edges.
Horrible stay, the bed was hard and the room smelled of smoke.
Poor value, a cheaper brand does the same job better.
I returned it, and I would never buy it again.
Installation failed twice and the instructions are wrong.
Drinks get warm within an hour, it does not insulate at all.
The strap broke and the watch stopped after a month.
Slow shipping, wrong item, unhappy customer.
It will not pair with my phone and keeps dropping the connection.
The pillow went flat after a week, my neck hurts.
Really disappointed, the quality is awful.
Useless gadget, it broke the first time I used it.
It gave me a rash, I cannot use it.
This vacuum leaves dirt behind, very weak suction.
It stutters in every game, what a letdown.
Low quality, the paint is already peeling.
The courier was rude and left the parcel in the rain.
The dress is see-through and badly cut.
Totally dissatisfied, it is worse than I feared.
Bad product, bad price, bad service.
It stopped working after a few days of normal use.
The speaker crackles and the bass is muddy.
The charger gets hot and barely charges my phone.
Uncomfortable to wear for more than a few minutes.
An unpleasant surprise, much worse than expected.
Avoid this seller, they sent a used item.
The coffee maker leaks and the coffee tastes burnt.
Missing screws and the frame wobbles.
Nothing but problems since the day it arrived.
Several keys do not register and the backlight flickers.
The apples were soft and bruised.
Not worth it, I wish I had chosen another one.
Weak signal, the router does not even reach the next room.
The towels shed fibers everywhere and stay damp.
Never ordering from this shop again.
Not what I ordered and it does not work at all.
`;

const lines = (block, label) =>
  block
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((text) => ({ text, label }));

export const ENGLISH_REVIEWS = [...lines(POSITIVE, 1), ...lines(NEGATIVE, 0)];
