INSERT INTO public.users VALUES (1);
INSERT INTO billing.customers VALUES (1, 'acme');
