"""Starting guidance content: eight articles, the trigger and remedy vocabularies,
the red-flag signs and the care thresholds.

Written in BackCare's own words from the facts in the project's content brief.
Every object is created with update_or_create on its slug, so running this again
is harmless; the reverse step deletes the same slugs.
"""

from datetime import date

from django.db import migrations

REVIEWED_BY = "BackCare editorial team"
LAST_REVIEWED = date(2026, 11, 1)
NEXT_REVIEW_DUE = date(2027, 11, 1)


# ---------------------------------------------------------------------------
# Article bodies (Markdown; headings start at ##)
# ---------------------------------------------------------------------------

ABOUT_BODY = """
A back spasm happens when one or more of the muscles in your back tighten up by themselves. You do not choose to tense them, and they do not let go straight away. It often starts without warning. Some people call it a cramp; others call it a "knot".

## What it can feel like

Spasms differ from person to person, and even from one spasm to the next. You might notice:

- a sharp, gripping cramp
- a hard, stiff knot deep in the muscle
- a dull ache that hangs around
- burning or stabbing pain
- twitching that you can feel, and sometimes see, under the skin

The muscle may feel firm, or sore when you press on it. The pain can be steady, or it can come and go in waves. A mild spasm is a nuisance. A strong one can stop you moving for a while, which can be frightening the first time it happens.

## Where in the back

A spasm can happen anywhere along your back:

- **Lower back** (the lumbar area). This is the most common place. It carries a lot of your weight and does much of your bending and twisting.
- **Middle back** (the thoracic area), behind your ribs.
- **Upper back and neck** (the cervical area). This includes the broad muscles over your shoulders and the ones between your shoulder blades, called the trapezius and the rhomboids.

## How common it is

Back pain is one of the most widespread health problems on the planet. The World Health Organization puts the number of people living with low back pain at about 619 million. It becomes more common with age, and it peaks somewhere between 50 and 55. Muscle spasms are one of its many causes.

So if your back has gone into spasm, you are in very large company. In most cases it is not a sign of anything serious.

## A spasm, or something longer-lasting?

It helps to tell a one-off spasm apart from a long-term (chronic) back problem.

A spasm usually:

- comes on suddenly, often after something you can name, such as lifting or twisting
- lasts from a few days to a couple of weeks
- settles with simple care at home

A chronic back problem usually:

- goes on for around 12 weeks or more
- has a cause underneath it, such as a problem with a disc or a joint
- needs a plan worked out with a doctor or physiotherapist

If your back keeps going into spasm, or the pain is not easing, read the page on when to see a doctor.

## How BackCare can help

Writing down each spasm helps you spot patterns: what seems to set it off, what helps, and how long each one lasts. The BackCare journal keeps this record for you. It can also turn it into a short report to take to an appointment.
"""

SYMPTOMS_BODY = """
A back spasm can show itself in several ways. Knowing the usual signs helps you describe what is going on, both in your BackCare journal and to a doctor if you need one.

## Pain

Pain is the main thing most people notice. It may:

- stay in one spot, right over the tight muscle
- spread into your hips or buttocks, or down into your legs
- feel sudden and sharp, or dull and aching
- grip, ease off, and then grip again

## Stiffness

Your back may feel stiff and awkward to move. For many people this is worst first thing in the morning, or after sitting or lying still for a long time. It often loosens a little once you start moving gently.

## What you may feel in the muscle

Sometimes you can feel the spasm itself:

- a tight band or lump in the muscle
- twitching or flickering under the skin
- tenderness when you press on the area
- tingling in or around the sore spot

## Movements that hurt

A spasm can make ordinary movements painful. You may notice it most when you:

- bend forward, or pick something up
- twist round, or reach across your body
- go up stairs
- exercise or play sport
- lie in one position for a long time, or turn over in bed

When a spasm is strong, it can be hard to get comfortable at all, and it may keep you awake at night.

## Keeping track

Symptoms change from day to day, so it is easy to lose track of whether you are improving. In your BackCare journal you can note:

- when the spasm started, and when it ended
- where it is (lower back, middle back, upper back or neck) and which side
- how bad it was at its worst, from 0 (no pain) to 10 (the worst pain you can imagine)
- anything you think set it off
- what you tried, and whether it helped

This is useful for you, and it gives a doctor a clear picture if you need to see one.

## Signs that do not fit a simple spasm

Most spasms hurt but are not dangerous. A few symptoms, though, suggest that something other than a tight muscle is going on. Examples are trouble controlling your bladder or bowels, numbness between your legs or around your bottom, weakness in your legs, or a fever together with the back pain. Some of these need help the same day, or straight away.

The page on when to see a doctor explains each of these signs and what to do. The journal also asks about them every time you log a spasm, and tells you how quickly to act.

If you are ever unsure whether something is normal for you, it is always fine to ask a doctor or a pharmacist.
"""

CAUSES_BODY = """
A back spasm is usually your muscles reacting to something. Sometimes the reason is obvious, like lifting a heavy box. Sometimes it builds up slowly over days or weeks. And sometimes nobody can say why it happened.

When you log a spasm in your BackCare journal, you can tick the triggers you think played a part. After a few entries, patterns often start to show.

## Strain and overuse

Tired or overworked muscles are more likely to cramp. Common examples are:

- lifting something heavy
- long, tiring jobs such as gardening, moving house or decorating
- doing far more exercise than you are used to

## Sudden movements

A quick twist, pull or push can catch a muscle off guard. Many people describe a sudden "catch" in the back, with pain straight after.

## Sport

Sports with lots of twisting, bending or sudden bursts of force put extra load on the back. Golf, tennis, squash, cricket, baseball, football, basketball and weightlifting are all examples. Skipping your warm-up makes trouble more likely.

## Posture and sitting still

Long spells of sitting, whether at a desk, behind the wheel or bent over a phone, keep your back muscles under steady strain. Moving very little in general adds to this. Sleeping in an awkward position can also leave you waking up with a spasm.

## Fitness and weight

When the muscles of your tummy and back (your core) are weak, other muscles have to work harder to hold you up, and they can tire and cramp. Being out of shape, or carrying extra weight, adds to the load.

## Injury

Sprains, strains, falls and accidents can all set off spasms. An injury from months or years ago can also flare up again.

## Fluids, heat and minerals

Muscles work best with enough water and the right minerals. Spasms are more likely if you:

- are dehydrated, or hot and sweating a lot
- are low in potassium, calcium or magnesium, or short of vitamin D

## Stress and anxiety

Worry and stress make muscles tense up, often without you noticing. Over time, that tension can tip over into a spasm.

## Problems in the spine

Sometimes a spasm is the muscles guarding a problem in the spine itself, for example:

- a slipped (herniated) or bulging disc
- wear of the discs over time (degenerative disc disease)
- osteoarthritis
- narrowing of the space around the nerves (spinal stenosis)
- a nerve that is damaged or squeezed

Pregnancy puts extra load on the back, and it can bring on spasms too.

These causes need a doctor's help, not just self-care. If your spasms keep returning, or come with numbness, tingling or weakness, book an appointment.

## When there is no clear cause

It is very common not to know why a spasm started. That is fine. Log it anyway, and tick "No clear cause". Over several episodes, a pattern may appear that you could not see at the time.
"""

SELF_CARE_BODY = """
Most back spasms get better with some simple care at home. The aim is to calm the pain, help the muscle relax, and keep you moving so your back does not seize up.

## In the first day or two

**Start with cold.** Wrap an ice pack, or a bag of frozen peas, in a thin towel and hold it on the sore spot for short spells of up to about 20 minutes. Early on, cold can help with pain and swelling. Never put ice straight onto bare skin.

**Rest for a short while only.** It is fine to take things easy when the pain is at its worst. But staying in bed for more than a day or two tends to backfire: your muscles weaken and stiffen, and recovery takes longer.

## After that

**Move on to warmth.** Once the first day or two have passed, heat usually helps more than cold. A warm bath, a heat pad or a hot-water bottle wrapped in a cover can relax the tight muscle and bring more blood to the area. Make sure nothing is hot enough to burn you, and do not fall asleep on a heat pad.

**Keep moving, gently.** Short, easy walks are one of the most useful things you can do. Once the worst has passed, add some gentle stretches. Go slowly, and stop any stretch that makes the pain suddenly sharper.

## Pain relief

Over-the-counter anti-inflammatory painkillers, such as ibuprofen, can take the edge off the pain so you can keep active. Use them for a few days only, and follow the instructions on the pack. Speak to a pharmacist or doctor first if:

- you have other health problems, such as stomach, kidney or heart trouble, or asthma
- you take any other medicines
- you are pregnant

There is more about medicines on the treatments page.

## Helping the muscle relax

- **Massage.** Gentle rubbing of the sore area can help a tight muscle let go. Ask someone to help, or lean against a soft ball on a wall.
- **Breathing and relaxation.** Stress makes muscles tighter. Slow, deep breaths, a short meditation or a relaxation recording can help your whole body loosen, your back included.

## Water and food

Drink enough through the day, especially when it is hot or you are active. Make sure you eat foods that give you potassium, calcium and magnesium, such as fruit, vegetables, dairy foods or fortified alternatives, nuts, seeds and whole grains.

## Support for hard physical work

If you have to do heavy work while you recover, a back brace may give some support for a short time. Do not rely on it for long: your own muscles need to keep working to stay strong.

## Find out what works for you

People respond differently. In your BackCare journal, note each thing you try and whether it made you worse, made no difference, or helped a little or a lot. Over time you will build up your own list of what works.

## When home care is not enough

If the pain is severe, is not improving after a few days of looking after yourself, or you notice any warning signs, read the page on when to see a doctor.
"""

TREATMENTS_BODY = """
Most spasms settle with self-care. If yours do not, or they keep coming back, a doctor, physiotherapist or other professional can help. This page runs through the main options and how well each one is supported, so you know what to expect.

## Looking for the cause

A doctor will usually start by asking about your pain and then examining you. They may test your reflexes, check the strength in your arms and legs, and feel the painful area. Most people with a spasm do not need a scan. An X-ray or MRI is only arranged if the doctor suspects that a problem in the spine is behind the pain.

## Physical therapy

A physiotherapist (also called a physical therapist) can give you exercises that build up the muscles supporting your back, and show you how to move safely. This is one of the best-supported treatments, especially for keeping spasms from coming back. It works best when you keep up the exercises at home.

## Medicines

- **Anti-inflammatory painkillers.** A doctor may suggest or prescribe these to ease pain and swelling.
- **Muscle relaxants.** A doctor may prescribe one, such as cyclobenzaprine, for a short course. They often cause drowsiness, so avoid driving and alcohol while you take them.
- **Injections.** For some people, a doctor may offer a cortisone (steroid) injection to calm inflammation.
- **Stronger painkillers.** Opioids are used rarely, and only for a short time, because of their side effects and the risk of becoming dependent on them.

Take any medicine exactly as prescribed, and tell your doctor about everything else you take, including supplements.

## Machines and devices

- **Electrical stimulation.** A small machine (often called a TENS unit) sends mild electrical pulses through sticky pads on your skin.
- **Ultrasound therapy.** A therapist uses sound waves to warm the deeper tissues.

Some people say these help, but the research results are mixed. They may not work for you.

## Hands-on and other therapies

- **Massage therapy** from a trained therapist can help tight muscles relax.
- **Chiropractic adjustment** means a practitioner moves the joints of your spine by hand.
- **Acupuncture and acupressure** use very fine needles, or firm pressure, on chosen points of the body.

The evidence for these is mixed too. Some people feel better for them; others notice little change. If you try one, choose a registered practitioner and tell them about any health problems you have.

## For pain that lasts a long time

If back pain goes on for months, a specialist may talk to you about:

- a nerve block: an injection that numbs a nerve carrying pain signals
- nerve ablation: using heat to stop a nerve sending pain signals for a while
- mindfulness and tai chi, which can help you cope with pain and move more freely
- an anti-inflammatory way of eating, with plenty of vegetables, fruit, whole grains and oily fish

These are usually part of a wider plan rather than a fix on their own.

## Take your record with you

Bring your BackCare journal report to appointments. It shows how long your spasms last, how bad they get and what you have already tried, which helps your doctor decide what to do next.
"""

SEE_A_DOCTOR_BODY = """
Most back spasms are painful but harmless, and they ease with care at home. Sometimes, though, back pain is a sign of something that needs a doctor. This page helps you decide when to get help, and how fast.

## Why some signs matter

A simple spasm is a problem in a muscle. Some signs suggest that something else is involved: the nerves at the bottom of the spine, the bones, or an infection. These problems are uncommon. But a few of them can cause lasting harm if they are not treated quickly, which is why they must not be left to see if they pass.

For this reason, the warning signs listed below are sorted into three groups:

- **Emergency:** call your local emergency number, or go to an emergency department, now. Do not wait to see if it gets better.
- **Urgent:** get seen by a doctor today, for example at a same-day appointment or an urgent care centre.
- **See a doctor:** book an appointment soon.

Each time you log a spasm, the BackCare journal asks about these signs and tells you which group your answers fall into.

## When the pain just goes on

Not every reason to see a doctor is an alarming one. Book an appointment if:

- your pain has lasted longer than the time limit shown below
- it is not improving after a few days of looking after yourself at home
- the pain is severe
- your spasms keep coming back, even though you are doing the right things

The journal counts the days and the number of bouts for you, and lets you know when it is time to book.

## If you are not sure

When in doubt, see a doctor. You are not wasting anyone's time. It is far better to be checked and reassured than to miss something that needs treatment.

## What happens at the appointment

The doctor will want to know:

- when the pain started, and what you were doing at the time
- where it hurts, and whether the pain spreads
- what makes it better or worse
- what you have tried so far
- any other health problems you have, and any medicines you take

They will usually examine your back, test the strength and feeling in your arms or legs, and check your reflexes. Most people do not need a scan. An X-ray or MRI is only arranged when the doctor thinks there may be a problem in the spine itself.

## What to bring

- **Your BackCare journal report.** You can print it from the journal. It shows how long each spasm lasted, how bad it got, what may have set it off and what helped.
- **A list of your medicines,** including anything you bought yourself and any supplements.
- **Your questions,** written down so you do not forget them in the moment.

## After the visit

Your doctor may reassure you and suggest more self-care, or offer treatment such as physical therapy or medicine. Ask which changes should make you come back sooner. Keep logging your spasms so you can both see whether the plan is working.
"""

PREVENTION_BODY = """
You cannot stop every back spasm, but you can make them less likely. Most of what helps comes down to keeping your back strong, moving often, and not asking too much of it at once.

## Stay active

- Pick low-impact exercise you enjoy, such as walking, swimming or cycling.
- Build up the muscles of your tummy and back (your core). Strong core muscles share the work, so your back muscles are not doing it all. A physiotherapist can suggest exercises that suit you.
- A little movement every day does more good than a lot once a week.

## Think about posture

- **At a desk:** sit right back in the chair, with both feet resting on the floor. Raise your screen so the top is roughly level with your eyes.
- **Standing:** spread your weight evenly across both feet, and try not to slump.
- **On your phone:** bring the phone up towards your eyes instead of dropping your head down to it.
- **In bed:** look for a position that keeps your spine in a natural line. A pillow between your knees (lying on your side) or under them (lying on your back) helps some people.

## Lift with care

- Bend at the knees and hips, not at the waist, and keep your back straight.
- Hold the load close to your body.
- Turn by moving your feet, rather than twisting your back.
- Do not lift more than you can manage. Ask for help, or use a trolley.

## Take regular breaks

If you sit for long stretches, or do the same lifting over and over, stop roughly every half hour. Stand up, stretch and walk around for a minute or two. A reminder on your phone can help you remember.

## Exercise sensibly

- Warm up before sport, and cool down afterwards.
- When you take up something new, build up slowly and do not overdo it.
- Avoid hard physical effort in very hot weather.

## Look after your body

- **Drink enough water** through the day, and more when it is hot or you are active.
- **Eat a balanced diet** that gives you potassium, calcium and magnesium, for example from fruit, vegetables, dairy foods or fortified alternatives, nuts and whole grains.
- **Aim for a healthy weight,** which takes some of the strain off your back.
- **Do not smoke.** If you do, stopping helps your back as well as the rest of your health.

## Manage stress

Stress makes your muscles tighten. Short walks, slow breathing and gentle yoga are simple ways to unwind. Even a few minutes a day can make a difference.

## Learn your own triggers

Your BackCare journal shows which triggers come up again and again. If long drives or big gardening days keep appearing before your spasms, you know where to focus your efforts.
"""

OUTLOOK_BODY = """
For most people, the outlook after a back spasm is good. Spasms can hurt a great deal, but the large majority settle with time and simple care.

## How long recovery takes

It depends on what caused the spasm:

- **Overuse, a sprain or a strain:** most people feel better within about a fortnight. Staying gently active, stretching, using warmth, and taking anti-inflammatory painkillers if you need them all help.
- **A slipped (herniated) disc:** this usually takes longer, often four weeks or more.
- **Long-term conditions such as osteoarthritis:** these do not go away, but the pain can be managed. You will need ongoing care, and a plan made with your doctor or physiotherapist.

Recovery is rarely a straight line. You will probably have better days and worse days. What matters is the overall direction: on the whole, is the pain easing?

## The pain and tension cycle

The main risk with back spasms is that short-term pain turns into long-term (chronic) pain. This can happen through a loop:

1. Pain makes the muscles around it tense up.
2. Tense muscles cause more pain.
3. More pain brings more tension, and round it goes.

To break the loop, treat the pain rather than trying to push through it. Use the self-care steps that work for you, keep moving gently, and get help if things are not easing.

## A spasm is a signal

Think of a spasm as your body telling you that something needs attention. It might be your posture, the way you lift, how long you sit, how stressed you are, or how strong your core muscles are. Many spasms clear up and never return, especially once you deal with whatever set them off.

## When to get more help

See a doctor if:

- the spasm is not clearly getting better after a couple of weeks
- your spasms keep coming back
- the pain is severe, or is getting in the way of sleep or daily life
- you notice any of the warning signs on the page about when to see a doctor

Back pain that lasts around 12 weeks or more is called chronic. It usually has a cause underneath it and needs a plan from a clinician, not just home care.

## Using your journal to follow your recovery

Progress can be hard to notice from one day to the next. The history charts in your BackCare journal show how often your spasms happen, how bad they are and how long they last. If they are becoming shorter, milder or less frequent, that is a good sign. If they are not, your journal report gives your doctor a clear picture to work from.

## Getting back to normal

- Return to your usual activities step by step.
- Keep doing any exercises your physiotherapist gave you, even after you feel better.
- Use what you have learned about your triggers to lower the chance of another spasm.
"""


def _body(text):
    # The education-only note is added by the article template, once, on every page.
    return text.strip() + "\n"


ARTICLES = [
    {
        "slug": "what-is-a-back-spasm",
        "section": "about",
        "title": "What is a back spasm?",
        "summary": (
            "A back spasm is a back muscle tightening by itself, often without warning. "
            "Find out what it feels like, where it happens and how common it is."
        ),
        "body": _body(ABOUT_BODY),
        "sources": "\n".join(
            [
                "Cleveland Clinic: Back spasms",
                "World Health Organization: Low back pain fact sheet (2023)",
                "NHS: Back pain",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "symptoms",
        "section": "symptoms",
        "title": "Symptoms of a back spasm",
        "summary": (
            "Pain, stiffness and a tight or twitching muscle are the usual signs. "
            "Learn what to look out for and which movements tend to make it worse."
        ),
        "body": _body(SYMPTOMS_BODY),
        "sources": "\n".join(
            [
                "Cleveland Clinic: Back spasms",
                "MedlinePlus: Back pain",
                "NHS: Back pain",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "causes-and-triggers",
        "section": "causes",
        "title": "Causes and triggers",
        "summary": (
            "Spasms are often set off by strain, a sudden movement, sitting for long "
            "spells or stress. Knowing your own triggers can help you avoid the next one."
        ),
        "body": _body(CAUSES_BODY),
        "sources": "\n".join(
            [
                "Cleveland Clinic: Back spasms",
                "Mayo Clinic: Back pain",
                "NHS: Back pain",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "self-care-at-home",
        "section": "self_care",
        "title": "Self-care at home",
        "summary": (
            "Most spasms ease with simple care at home: cold and then heat, gentle "
            "movement, and pain relief if you need it. Here is how to use each one."
        ),
        "body": _body(SELF_CARE_BODY),
        "sources": "\n".join(
            [
                "NHS: Back pain",
                "Cleveland Clinic: Back spasms",
                "NICE guideline NG59: Low back pain and sciatica in over 16s",
                "NHS: Ibuprofen for adults",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "treatments",
        "section": "treatment",
        "title": "Treatments from professionals",
        "summary": (
            "If home care is not enough, a doctor or therapist can offer exercise "
            "programmes, medicines, injections and hands-on therapies. Some are better "
            "supported than others."
        ),
        "body": _body(TREATMENTS_BODY),
        "sources": "\n".join(
            [
                "NICE guideline NG59: Low back pain and sciatica in over 16s",
                "Cleveland Clinic: Back spasms",
                "Mayo Clinic: Back pain",
                "MedlinePlus: Back pain",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "when-to-see-a-doctor",
        "section": "see_a_doctor",
        "title": "When to see a doctor",
        "summary": (
            "Most spasms can be looked after at home, but some signs need a doctor and "
            "a few need help straight away. Here is how to tell, and what to expect."
        ),
        "body": _body(SEE_A_DOCTOR_BODY),
        "sources": "\n".join(
            [
                "NHS: Back pain",
                "NHS: Cauda equina syndrome",
                "Mayo Clinic: Back pain",
                "NICE guideline NG59: Low back pain and sciatica in over 16s",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "preventing-back-spasms",
        "section": "prevention",
        "title": "Preventing back spasms",
        "summary": (
            "You cannot prevent every spasm, but staying active, lifting with care, "
            "taking breaks and looking after your body all make them less likely."
        ),
        "body": _body(PREVENTION_BODY),
        "sources": "\n".join(
            [
                "NHS: Back pain",
                "Mayo Clinic: Back pain",
                "Cleveland Clinic: Back spasms",
            ]
        ),
        "order": 10,
    },
    {
        "slug": "outlook-and-recovery",
        "section": "outlook",
        "title": "Outlook and recovery",
        "summary": (
            "Most back spasms get better within a couple of weeks. See what recovery "
            "usually looks like, and how to keep short-term pain from becoming long-term."
        ),
        "body": _body(OUTLOOK_BODY),
        "sources": "\n".join(
            [
                "Cleveland Clinic: Back spasms",
                "NHS: Back pain",
                "World Health Organization: Low back pain fact sheet (2023)",
            ]
        ),
        "order": 10,
    },
]


# ---------------------------------------------------------------------------
# Triggers (all explained in the causes article)
# ---------------------------------------------------------------------------

TRIGGERS_ARTICLE = "causes-and-triggers"

TRIGGERS = [
    {
        "slug": "heavy-lifting-or-overuse",
        "name": "Heavy lifting or overuse",
        "description": (
            "Lifting something heavy, a long tiring job, or a lot more exercise than usual."
        ),
    },
    {
        "slug": "sudden-twist-or-movement",
        "name": "Sudden twist or movement",
        "description": "A quick twist, pull or push, or a sudden 'catch' in your back.",
    },
    {
        "slug": "sport",
        "name": "Sport",
        "description": (
            "A sport with lots of twisting or sudden force, such as golf, tennis or "
            "weightlifting, especially without a warm-up."
        ),
    },
    {
        "slug": "posture-or-long-sitting",
        "name": "Poor posture or long sitting",
        "description": (
            "Sitting for a long time at a desk or in a car, slouching, or looking down "
            "at a phone for a long spell."
        ),
    },
    {
        "slug": "awkward-sleeping-position",
        "name": "Awkward sleeping position",
        "description": "You slept in an odd position and woke up with the pain.",
    },
    {
        "slug": "weak-core-or-out-of-shape",
        "name": "Weak core or out of shape",
        "description": (
            "Weak tummy and back muscles, not much activity lately, or extra weight "
            "putting load on your back."
        ),
    },
    {
        "slug": "injury-or-accident",
        "name": "Injury or accident",
        "description": (
            "A sprain, strain, fall or accident, or an old back injury flaring up again."
        ),
    },
    {
        "slug": "dehydration-or-heat",
        "name": "Dehydration or heat",
        "description": "Not drinking enough, or being hot and sweating a lot.",
    },
    {
        "slug": "low-minerals-in-diet",
        "name": "Low minerals in diet",
        "description": (
            "Your recent meals may have been short of potassium, calcium, magnesium or vitamin D."
        ),
    },
    {
        "slug": "stress-or-anxiety",
        "name": "Stress or anxiety",
        "description": "A stressful or worrying time that left your muscles tense.",
    },
    {
        "slug": "spine-problem",
        "name": "An underlying spine problem",
        "description": (
            "A known problem such as a slipped or bulging disc, disc wear, "
            "osteoarthritis, spinal stenosis or a trapped nerve."
        ),
    },
    {
        "slug": "pregnancy",
        "name": "Pregnancy",
        "description": "Being pregnant, which puts extra load on your back.",
    },
    {
        "slug": "no-clear-cause",
        "name": "No clear cause",
        "description": (
            "You cannot think of anything that set it off. That is common, and still worth logging."
        ),
    },
]


# ---------------------------------------------------------------------------
# Remedies
# ---------------------------------------------------------------------------

SELF_CARE_ARTICLE = "self-care-at-home"
TREATMENTS_ARTICLE = "treatments"

REMEDIES = [
    # Self-care
    {
        "slug": "cold-pack",
        "name": "Ice or cold pack",
        "kind": "self_care",
        "description": (
            "A wrapped ice pack or bag of frozen peas on the sore area for short spells, "
            "mainly in the first day or two."
        ),
        "caution": (
            "Wrap it in a thin towel; never put ice straight on bare skin. Keep each "
            "spell to about 20 minutes, and do not use it on skin that already feels numb."
        ),
        "evidence": (
            "Widely advised and low risk, though there is little research on cold for "
            "back pain in particular."
        ),
    },
    {
        "slug": "heat",
        "name": "Heat (warm bath, heat pad or hot-water bottle)",
        "kind": "self_care",
        "description": (
            "Warmth on the tight muscle after the first day or two, to help it relax "
            "and bring blood to the area."
        ),
        "caution": (
            "Check it is warm, not hot, and wrap hot-water bottles in a cover. Do not "
            "sleep on a heat pad or use heat on numb skin, as it can burn."
        ),
        "evidence": "Some good evidence that heat eases low back pain in the short term.",
    },
    {
        "slug": "short-rest-then-gentle-movement",
        "name": "Short rest, then gentle movement",
        "kind": "self_care",
        "description": (
            "Taking it easy for a short while when the pain is worst, then getting back "
            "to light, everyday movement as soon as you can."
        ),
        "caution": "Move within comfort; stop anything that makes the pain suddenly sharper.",
        "evidence": (
            "Well supported: staying active helps people recover sooner than resting in bed."
        ),
    },
    {
        "slug": "bed-rest",
        "name": "Bed rest (more than a day or two)",
        "kind": "self_care",
        "description": (
            "Staying in bed or lying down for most of the day for more than a day or "
            "two. Listed so you can record it if you did it."
        ),
        "caution": (
            "Not recommended. Long bed rest weakens and stiffens your muscles and slows "
            "recovery. Get up and move gently as soon as you can."
        ),
        "evidence": (
            "Studies consistently find that bed rest does not speed recovery and can delay it."
        ),
    },
    {
        "slug": "light-walking",
        "name": "Light walking",
        "kind": "self_care",
        "description": "Short, easy walks, building up a little each day.",
        "caution": "",
        "evidence": (
            "Well supported as part of staying active; low risk and easy to fit into the day."
        ),
    },
    {
        "slug": "gentle-stretching",
        "name": "Gentle stretching",
        "kind": "self_care",
        "description": "Slow, gentle stretches for the back once the worst of the pain has eased.",
        "caution": (
            "Wait until the worst has passed. Never bounce or force a stretch, and stop "
            "if it causes sharp pain."
        ),
        "evidence": (
            "Commonly advised; exercise in general is well supported, though no single "
            "stretch is proven best."
        ),
    },
    {
        "slug": "gentle-massage",
        "name": "Gentle massage",
        "kind": "self_care",
        "description": (
            "Gentle rubbing of the sore area by someone else, or leaning against a soft ball."
        ),
        "caution": "Keep the pressure light and stop if it makes the pain worse.",
        "evidence": "May give short-term relief; the research is limited.",
    },
    {
        "slug": "relaxation-and-breathing",
        "name": "Relaxation and deep breathing",
        "kind": "self_care",
        "description": (
            "Slow, deep breathing, meditation or a relaxation recording to ease tension."
        ),
        "caution": "",
        "evidence": (
            "Helps with stress and muscle tension; direct evidence for back spasms is "
            "limited, but it is safe to try."
        ),
    },
    {
        "slug": "fluids-and-minerals",
        "name": "Fluids and mineral-rich food",
        "kind": "self_care",
        "description": (
            "Drinking enough through the day and eating foods that give you potassium, "
            "calcium and magnesium."
        ),
        "caution": (
            "Get food first. Do not take mineral supplements, especially potassium, "
            "without asking a doctor or pharmacist: they can be harmful with some "
            "conditions and medicines."
        ),
        "evidence": (
            "Being dehydrated or short of these minerals is linked with muscle cramps; "
            "there is little direct research on back spasms."
        ),
    },
    {
        "slug": "back-brace",
        "name": "Back brace (short term)",
        "kind": "self_care",
        "description": "A support belt worn for a short time during heavy or strenuous work.",
        "caution": (
            "Use it for short periods only. Wearing one for a long time can let your own "
            "back muscles get weaker."
        ),
        "evidence": (
            "Little good evidence; clinical guidelines advise against relying on belts "
            "or corsets for back pain."
        ),
    },
    # Medicines
    {
        "slug": "otc-anti-inflammatory",
        "name": "Over-the-counter anti-inflammatory (such as ibuprofen)",
        "kind": "medicine",
        "description": (
            "An anti-inflammatory painkiller from a pharmacy, used for a few days to "
            "ease pain so you can keep moving."
        ),
        "caution": (
            "Follow the pack instructions, take it with food and use it for the shortest "
            "time you need. Ask a pharmacist or doctor first if you have stomach, kidney "
            "or heart problems or asthma, are pregnant, take blood thinners or other "
            "medicines, or are over 65. Do not combine it with other anti-inflammatories."
        ),
        "evidence": (
            "Clinical guidelines support short-term use for back pain; the benefit is modest."
        ),
    },
    {
        "slug": "prescribed-muscle-relaxant",
        "name": "Prescribed muscle relaxant",
        "kind": "medicine",
        "description": (
            "A medicine such as cyclobenzaprine, prescribed by a doctor for a short course."
        ),
        "caution": (
            "Prescription only. It often causes drowsiness and dizziness: do not drive, "
            "use machinery or drink alcohol while taking it. Take only the short course "
            "prescribed, and tell your doctor about any other medicines."
        ),
        "evidence": (
            "May give some short-term relief; in studies the benefit is small and side "
            "effects are common."
        ),
    },
    {
        "slug": "cortisone-injection",
        "name": "Cortisone (steroid) injection",
        "kind": "medicine",
        "description": (
            "An injection given by a doctor to calm inflammation, usually when a nerve "
            "is irritated."
        ),
        "caution": (
            "Only given by a doctor after an assessment. It can have side effects, such "
            "as a short-lived rise in blood sugar, and the number of injections is limited."
        ),
        "evidence": (
            "Mixed. It is mainly used for nerve pain, for example from a disc; benefit "
            "for plain muscle pain is not well shown and may not last."
        ),
    },
    {
        "slug": "short-term-opioid",
        "name": "Short-term opioid painkiller (prescribed)",
        "kind": "medicine",
        "description": (
            "A strong painkiller that a doctor may rarely prescribe for a few days when "
            "other pain relief is not enough."
        ),
        "caution": (
            "Only if a doctor prescribes it, at the lowest dose for the shortest time. "
            "Risks include dependence, drowsiness and constipation. Do not drive or "
            "drink alcohol while taking it."
        ),
        "evidence": (
            "Little sign that it works better than other painkillers for back pain, "
            "and the risks are real."
        ),
    },
    # Professional treatments
    {
        "slug": "physical-therapy",
        "name": "Physical therapy",
        "kind": "professional",
        "description": (
            "A physiotherapist gives you exercises to strengthen the muscles that "
            "support your back and shows you how to move safely."
        ),
        "caution": "",
        "evidence": (
            "Well supported, especially for preventing spasms from coming back; it works "
            "best when you keep up the exercises."
        ),
    },
    {
        "slug": "electrical-stimulation",
        "name": "Electrical stimulation (TENS)",
        "kind": "professional",
        "description": "Mild electrical pulses delivered through pads on the skin.",
        "caution": (
            "Ask a doctor first if you have a pacemaker or other implanted device, "
            "epilepsy or a heart condition, or are pregnant. Do not place pads on "
            "broken or numb skin."
        ),
        "evidence": "Mixed: some people find it helps, but studies do not show a clear benefit.",
    },
    {
        "slug": "ultrasound-therapy",
        "name": "Ultrasound therapy",
        "kind": "professional",
        "description": "A therapist uses sound waves to warm the deeper tissues of the back.",
        "caution": "",
        "evidence": "Mixed to weak: research has not shown reliable relief for back pain.",
    },
    {
        "slug": "acupuncture-or-acupressure",
        "name": "Acupuncture or acupressure",
        "kind": "professional",
        "description": (
            "Very fine needles, or firm pressure, applied to chosen points on the body."
        ),
        "caution": (
            "Choose a registered practitioner who uses single-use needles, and tell them "
            "if you take blood thinners or have a bleeding problem."
        ),
        "evidence": (
            "Mixed: some people feel better for it, but studies disagree and guidelines "
            "do not recommend it for low back pain."
        ),
    },
    {
        "slug": "chiropractic-adjustment",
        "name": "Chiropractic adjustment",
        "kind": "professional",
        "description": "A practitioner moves the joints of your spine by hand.",
        "caution": (
            "Use a registered practitioner. Tell them about osteoporosis, numbness or "
            "weakness, or any other health problem; get any warning signs checked by a "
            "doctor first."
        ),
        "evidence": (
            "Some people get short-term relief; guidelines suggest hands-on therapy only "
            "alongside an exercise plan."
        ),
    },
    {
        "slug": "massage-therapy",
        "name": "Massage therapy",
        "kind": "professional",
        "description": "Massage from a trained therapist to help tight muscles relax.",
        "caution": "",
        "evidence": (
            "Can give short-term relief; works best alongside exercise rather than on its own."
        ),
    },
    {
        "slug": "nerve-block-or-ablation",
        "name": "Nerve block or nerve ablation",
        "kind": "professional",
        "description": (
            "For long-lasting pain: an injection that numbs a nerve, or heat used to stop "
            "a nerve sending pain signals for a while."
        ),
        "caution": (
            "A specialist procedure for selected people with long-term pain. Like any "
            "procedure it has risks, which your specialist should explain."
        ),
        "evidence": (
            "Results vary; considered only for some people with long-term pain after "
            "specialist assessment."
        ),
    },
    {
        "slug": "mindfulness-or-tai-chi",
        "name": "Mindfulness or tai chi",
        "kind": "professional",
        "description": (
            "A course or class that teaches mindfulness or tai chi, usually for back pain "
            "that has lasted a long time."
        ),
        "caution": "",
        "evidence": (
            "Modest evidence for long-term back pain, usually as part of a wider plan "
            "that includes exercise."
        ),
    },
]


# ---------------------------------------------------------------------------
# Red flags (the see-a-doctor page renders these below its body)
# ---------------------------------------------------------------------------

EMERGENCY_ADVICE = (
    "Call your local emergency number now, or go straight to an emergency department. "
    "{why} Do not wait to see if it passes."
)

RED_FLAGS = [
    {
        "slug": "loss-of-bladder-or-bowel-control",
        "name": "Loss of bladder or bowel control",
        "question": (
            "Have you had trouble controlling your bladder or bowels, such as leaking, "
            "or being unable to pass urine?"
        ),
        "urgency": "emergency",
        "advice": EMERGENCY_ADVICE.format(
            why=(
                "Together with back pain, this can mean the nerves at the bottom of your "
                "spine are being squeezed, which needs treatment straight away."
            )
        ),
    },
    {
        "slug": "saddle-numbness",
        "name": "Numbness in the groin or buttocks",
        "question": (
            "Is there numbness or pins and needles between your legs, around your "
            "bottom or around your genitals?"
        ),
        "urgency": "emergency",
        "advice": EMERGENCY_ADVICE.format(
            why=(
                "Numbness in this 'saddle' area can be a sign of pressure on the nerves "
                "at the base of the spine, which needs treatment straight away."
            )
        ),
    },
    {
        "slug": "weakness-in-both-legs",
        "name": "Weakness in both legs, or leg weakness getting worse",
        "question": "Are both of your legs weak, or is weakness in a leg getting worse?",
        "urgency": "emergency",
        "advice": EMERGENCY_ADVICE.format(
            why=(
                "Weakness like this can mean the nerves from your spine are under "
                "serious pressure and need urgent care."
            )
        ),
    },
    {
        "slug": "fever-with-back-pain",
        "name": "Fever with back pain",
        "question": (
            "Do you have a fever (a high temperature, or feeling hot and shivery) along "
            "with the back pain?"
        ),
        "urgency": "urgent",
        "advice": (
            "Get a same-day appointment with a doctor, or go to an urgent care centre "
            "today. A fever with back pain can mean an infection that needs checking. "
            "If you feel very unwell or confused, call your local emergency number."
        ),
    },
    {
        "slug": "pain-after-fall-or-accident",
        "name": "Back pain after a fall or accident",
        "question": (
            "Did this pain start after a fall, a road accident or a hard blow to your back?"
        ),
        "urgency": "urgent",
        "advice": (
            "Get seen by a doctor today, at a same-day appointment or an urgent care "
            "centre, so they can check for damage to the bones. If you cannot move, or "
            "your legs feel numb or weak, call your local emergency number."
        ),
    },
    {
        "slug": "night-pain-not-eased-by-moving",
        "name": "Night pain not eased by changing position",
        "question": ("Is the pain bad at night and not eased at all when you change position?"),
        "urgency": "urgent",
        "advice": (
            "Get a same-day appointment with a doctor, or go to urgent care today. Pain "
            "from a tight muscle usually shifts when you move; pain that does not can "
            "have another cause that a doctor should look into."
        ),
    },
    {
        "slug": "numbness-or-weakness-in-one-limb",
        "name": "Numbness, tingling or weakness in one arm or leg",
        "question": "Do you have numbness, tingling or weakness in one arm or one leg?",
        "urgency": "see_doctor",
        "advice": (
            "Book an appointment with a doctor soon, within the next few days. It may "
            "mean a nerve is being pressed on. If the weakness spreads to both legs or "
            "gets worse quickly, treat it as an emergency."
        ),
    },
    {
        "slug": "pain-stops-you-sleeping",
        "name": "Pain that keeps you from sleeping",
        "question": "Is the pain stopping you from getting to sleep, or waking you up?",
        "urgency": "see_doctor",
        "advice": (
            "Book an appointment with a doctor soon. They can look at what is causing "
            "the pain and help you get better pain control, so you can rest."
        ),
    },
]


THRESHOLD_DEFAULTS = {
    "see_doctor_after_days": 14,
    "symptom_free_gap_days": 3,
    "recurrence_bouts": 3,
    "recurrence_window_days": 90,
    "severe_pain_level": 8,
}


# ---------------------------------------------------------------------------
# Load and unload
# ---------------------------------------------------------------------------


def load_content(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("guidance", "Article")
    Trigger = apps.get_model("guidance", "Trigger")
    Remedy = apps.get_model("guidance", "Remedy")
    RedFlag = apps.get_model("guidance", "RedFlag")
    CareThresholds = apps.get_model("guidance", "CareThresholds")

    articles = {}
    for item in ARTICLES:
        defaults = {key: value for key, value in item.items() if key != "slug"}
        defaults.update(
            status="published",
            reviewed_by=REVIEWED_BY,
            last_reviewed=LAST_REVIEWED,
            next_review_due=NEXT_REVIEW_DUE,
        )
        article, _ = Article.objects.using(db).update_or_create(
            slug=item["slug"], defaults=defaults
        )
        articles[article.slug] = article

    for position, item in enumerate(TRIGGERS, start=1):
        Trigger.objects.using(db).update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "article": articles[TRIGGERS_ARTICLE],
                "order": position * 10,
                "active": True,
            },
        )

    for position, item in enumerate(REMEDIES, start=1):
        article_slug = SELF_CARE_ARTICLE if item["kind"] == "self_care" else TREATMENTS_ARTICLE
        Remedy.objects.using(db).update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "kind": item["kind"],
                "description": item["description"],
                "caution": item["caution"],
                "evidence": item["evidence"],
                "article": articles[article_slug],
                "order": position * 10,
                "active": True,
            },
        )

    for position, item in enumerate(RED_FLAGS, start=1):
        RedFlag.objects.using(db).update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "question": item["question"],
                "urgency": item["urgency"],
                "advice": item["advice"],
                "order": position * 10,
                "active": True,
            },
        )

    CareThresholds.objects.using(db).update_or_create(pk=1, defaults=THRESHOLD_DEFAULTS)


def unload_content(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("guidance", "Article")
    Trigger = apps.get_model("guidance", "Trigger")
    Remedy = apps.get_model("guidance", "Remedy")
    RedFlag = apps.get_model("guidance", "RedFlag")
    CareThresholds = apps.get_model("guidance", "CareThresholds")

    # Remedies recorded in someone's journal are protected: reversing then fails
    # rather than deleting health records.
    Remedy.objects.using(db).filter(slug__in=[r["slug"] for r in REMEDIES]).delete()
    Trigger.objects.using(db).filter(slug__in=[t["slug"] for t in TRIGGERS]).delete()
    RedFlag.objects.using(db).filter(slug__in=[f["slug"] for f in RED_FLAGS]).delete()
    Article.objects.using(db).filter(slug__in=[a["slug"] for a in ARTICLES]).delete()
    CareThresholds.objects.using(db).filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_content, unload_content),
    ]
